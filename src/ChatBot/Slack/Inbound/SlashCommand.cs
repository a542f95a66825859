namespace ChatBot.Slack.Inbound;

/// <summary>The fields of a slash-command POST that the bot uses.</summary>
public sealed record SlashCommand(string Command, string Text, string TeamId, string ChannelId, string UserId, string ResponseUrl)
{
    /// <summary>The bot's one command, as the app manifest declares it.</summary>
    public const string WhoStopped = "/whostopped";

    /// <summary>Null when the body is not a readable form (see <see cref="SlackForm.Read"/>); missing fields are empty.</summary>
    public static SlashCommand? Parse(string formBody)
    {
        if (SlackForm.Read(formBody) is not { } form)
        {
            return null;
        }

        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : "";
        return new SlashCommand(Field("command"), Field("text"), Field("team_id"), Field("channel_id"), Field("user_id"), Field("response_url"));
    }
}
