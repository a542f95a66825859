namespace ChatBot.Slack.Answers;

/// <summary>A slash command's immediate reply, seen only by the asker: the HTTP response body, or over Socket Mode the
/// acknowledgement's payload.</summary>
public sealed record EphemeralAck(string ResponseType, string Text)
{
    public static EphemeralAck For(string text) => new("ephemeral", Mrkdwn.Fit(text, Mrkdwn.MaxSectionText));
}
