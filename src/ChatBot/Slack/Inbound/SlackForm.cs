using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ChatBot.Slack.Inbound;

/// <summary>Slack's form-encoded bodies (slash commands, interactions).</summary>
internal static class SlackForm
{
    /// <returns>The fields, or null for a body no Slack payload looks like: the reader refuses more than 1024
    /// fields or a key longer than 2 KiB, and such a body deserves a 400, not a 500.</returns>
    public static Dictionary<string, StringValues>? Read(string body)
    {
        try
        {
            return new FormReader(body).ReadForm();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
