using Microsoft.AspNetCore.WebUtilities;

namespace ChatBot.Slack.Inbound;

/// <summary>The fields of a slash-command POST that the bot uses.</summary>
public sealed record SlashCommand(string Command, string Text, string TeamId, string ChannelId, string UserId, string ResponseUrl)
{
    public static SlashCommand Parse(string formBody)
    {
        var form = new FormReader(formBody).ReadForm();
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : "";
        return new SlashCommand(Field("command"), Field("text"), Field("team_id"), Field("channel_id"), Field("user_id"), Field("response_url"));
    }
}
