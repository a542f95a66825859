using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Inbound;

namespace ChatBot.Sandbox;

/// <summary>What the page calls. A question goes through the same dispatcher Slack's requests reach (the signature
/// check aside), and the answers come back through <see cref="SandboxSlack"/> into the channel the page polls.</summary>
internal static partial class SandboxEndpoints
{
    /// <summary>Slack would carry a real response_url; the sandbox's answers all land in the one channel anyway.</summary>
    internal const string ResponseUrl = "https://sandbox.invalid/response";

    public static void MapSandboxEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sandbox/instances", Instances);
        app.MapGet("/sandbox/messages", (SandboxChannel channel, int? after) =>
            channel.Since(after ?? 0).Select(p => new { p.Sequence, p.Ts, p.ThreadTs, p.User, p.Ephemeral, p.Payload }));
        app.MapPost("/sandbox/ask", Ask);
        app.MapSandboxShortcut();
        app.MapSandboxFeed();
    }

    private static object Instances(SampleAccount sample) => new
    {
        sample.AccountId,
        Instances = sample.Instances.Select(s => new
        {
            s.Instance.InstanceId, s.Instance.Region, s.Instance.State, Name = s.Instance.Tags.GetValueOrDefault("Name"), s.Story,
        }),
        sample.UnknownInstanceIds,
    };

    private static async Task<IResult> Ask(
        AskRequest request, SandboxChannel channel, SlackDispatcher dispatcher, ILogger<SandboxChannel> logger, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim() ?? "";
        if (text.Length is 0 or > 4000)
        {
            return Results.BadRequest(new { error = "Type a question of up to 4000 characters." });
        }

        var started = Stopwatch.GetTimestamp();
        var asked = text.StartsWith('/')
            ? Command(text, channel, dispatcher)
            : await MessageAsync(text, request.ThreadTs, channel, dispatcher, cancellationToken);
        LogAsked(logger, asked.Kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Results.Ok(new { asked.Post.Ts });
    }

    // Slack shows a slash command to nobody but its sender, and the acknowledgement likewise.
    private static (string Kind, SandboxPost Post) Command(string text, SandboxChannel channel, SlackDispatcher dispatcher)
    {
        var name = text.Split(' ', 2)[0];
        var post = channel.Add(SandboxChannel.AskerId, null, new JsonObject { ["text"] = text }, ephemeral: true);
        var ack = dispatcher.Command(new SlashCommand(name, text[name.Length..].Trim(), SandboxChannel.TeamId, SandboxChannel.Id,
            SandboxChannel.AskerId, ResponseUrl));
        // Slack itself says a command is unknown; the page points at the one it has.
        var reply = ack.Outcome == CommandOutcome.UnknownCommand
            ? $"`{name}` is not a command here. Try `{WhoStoppedCommand.Name} i-0da88f3e7eb2ce37e`."
            : ack.Text;
        if (reply is not null)
        {
            channel.Add(SandboxChannel.BotUserId, null, new JsonObject { ["response_type"] = "ephemeral", ["text"] = reply }, ephemeral: true);
        }

        return (ack.Outcome == CommandOutcome.UnknownCommand ? "unknown command" : name, post);
    }

    // Any message is posted; one that mentions the bot is also delivered as Slack's app_mention event.
    private static async Task<(string Kind, SandboxPost Post)> MessageAsync(
        string text, string? threadTs, SandboxChannel channel, SlackDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var slackText = Mention().Replace(text, $"<@{SandboxChannel.BotUserId}>");
        var post = channel.Add(SandboxChannel.AskerId, threadTs, new JsonObject { ["text"] = slackText }, ephemeral: false);
        if (!slackText.Contains($"<@{SandboxChannel.BotUserId}>", StringComparison.Ordinal))
        {
            return ("message", post);
        }

        var mention = new SlackEvent(ConversationQuestionHandler.AppMention)
        {
            User = SandboxChannel.AskerId, Text = slackText, Ts = post.Ts, ThreadTs = threadTs, Channel = SandboxChannel.Id,
        };
        var envelope = new EventEnvelope(EventEnvelope.EventCallback)
        {
            TeamId = SandboxChannel.TeamId, EventId = $"EvSANDBOX{post.Sequence}", Event = mention,
            Authorizations = [new Authorization(SandboxChannel.BotUserId, IsBot: true)],
        };
        await dispatcher.EventAsync(envelope, cancellationToken);
        return (ConversationQuestionHandler.AppMention, post);
    }

    [GeneratedRegex(@"(?<![\w<])@whostopped\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox {Kind} taken in {DurationMs:0} ms")]
    private static partial void LogAsked(ILogger logger, string kind, double durationMs);

    internal sealed record AskRequest(string? Text, string? ThreadTs);
}
