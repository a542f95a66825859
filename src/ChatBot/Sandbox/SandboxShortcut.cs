using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Inbound;

namespace ChatBot.Sandbox;

/// <summary>The "Who stopped these?" message shortcut on the page: a canned CloudWatch alarm (as Amazon Q posts one)
/// to try it on, and the shortcut on any message, handed to the dispatcher as the interaction Slack would send.</summary>
internal static class SandboxShortcut
{
    public const string AlarmUserId = "U0CLOUDWATCH";

    public static void MapSandboxShortcut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sandbox/alarm", (SandboxChannel channel, SampleAccount sample) => new { channel.AddOnce(AlarmUserId, () => Alarm(sample)).Ts });
        app.MapPost("/sandbox/shortcut", Shortcut);
    }

    private static IResult Shortcut(ShortcutRequest request, SandboxChannel channel, SlackDispatcher dispatcher)
    {
        if (request.Ts is not { } ts || channel.Find(ts) is not { } post)
        {
            return Results.NotFound(new { error = "No such message." });
        }

        var message = post.Payload.DeepClone().AsObject();
        message["type"] = "message";
        message["user"] = post.User;
        message["ts"] = post.Ts;
        if (post.ThreadTs is { } threadTs)
        {
            message["thread_ts"] = threadTs;
        }

        dispatcher.Interaction(new Interaction(WhoStoppedTheseShortcut.Name)
        {
            CallbackId = WhoStoppedTheseShortcut.CallbackId,
            Team = new IdRef(SandboxChannel.TeamId),
            Channel = new IdRef(SandboxChannel.Id),
            User = new IdRef(SandboxChannel.AskerId),
            ResponseUrl = SandboxEndpoints.ResponseUrl,
            MessageTs = post.Ts,
            Message = JsonSerializer.SerializeToElement(message),
        });
        return Results.Ok();
    }

    /// <summary>Two of the sample's stopped instances, named in a section's fields the way alarm apps lay them out.</summary>
    private static JsonObject Alarm(SampleAccount sample)
    {
        var ids = sample.Instances.Select(s => s.Instance.InstanceId).Take(2).ToList();
        var headline = "ALARM: \"web-prod StatusCheckFailed\" in US East (N. Virginia)";
        return new JsonObject
        {
            ["text"] = headline,
            ["blocks"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "section",
                    ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $":rotating_light: *{headline}*\nStatusCheckFailed >= 1 for 2 datapoints within 2 minutes." },
                    ["fields"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*InstanceId*\n`{id}`" }).ToArray()),
                },
                new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "mrkdwn", ["text"] = $"CloudWatch alarm · account {sample.AccountId} · use ⋯ *Who stopped these?* on this message",
                    }),
                }),
        };
    }

    internal sealed record ShortcutRequest(string? Ts);
}
