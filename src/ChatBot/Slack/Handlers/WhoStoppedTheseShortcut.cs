using System.Text.Json;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Work;

namespace ChatBot.Slack.Handlers;

/// <summary>The "Who stopped these?" message shortcut, on any message (an alarm from CloudWatch, PagerDuty or Datadog
/// included): the instance IDs found anywhere in it are answered in that message's thread, with the usual summary
/// and details. A message without IDs gets an ephemeral line through the response_url; past the usual cap the answer
/// says how many were skipped.</summary>
public sealed class WhoStoppedTheseShortcut(SlackBacklog backlog, ILogger<WhoStoppedTheseShortcut> log)
    : IInteractionHandler
{
    public const string Name = "message_action";
    public const string CallbackId = "whostopped_these";

    public string Type => Name;

    public void Handle(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.CallbackId != CallbackId || interaction.Channel?.Id is not { } channel || interaction.Message is not { } message)
        {
            log.LogWarning("Ignored a message shortcut with callback {CallbackId} and no message to read", interaction.CallbackId);
            return;
        }

        var ids = MessageInstanceIds.In(message);
        var threadTs = Text(message, "thread_ts") ?? Text(message, "ts") ?? interaction.MessageTs;
        var target = new AnswerTarget(channel, threadTs ?? "", interaction.ResponseUrl);
        if (ids.Count == 0 || threadTs is null)
        {
            Whisper(target, Replies.NoInstanceIdsInMessage);
            return;
        }

        var asked = ids.Take(QuestionText.MaxInstances).ToList();
        if (!backlog.TryEnqueue(new QuestionJob(CallbackId, target, asked, Region: null)))
        {
            Whisper(target, Replies.Busy);
            return;
        }

        if (ids.Count > asked.Count)
        {
            backlog.TryEnqueueNotice(new NoticeJob(CallbackId + " notice", target, Replies.Skipped(ids.Count, asked.Count)));
        }
    }

    /// <summary>Only the person who used the shortcut sees it, as Slack shows a slash command's errors.</summary>
    private void Whisper(AnswerTarget target, string text)
    {
        if (target.ResponseUrl is not { Length: > 0 } || !backlog.TryEnqueueNotice(new EphemeralNoticeJob(CallbackId + " notice", target, text)))
        {
            log.LogWarning("Could not tell the user of a message shortcut that {Reason}", text == Replies.Busy ? "the bot is busy" : "it found no instance IDs");
        }
    }

    private static string? Text(JsonElement message, string name) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
