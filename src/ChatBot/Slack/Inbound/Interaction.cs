using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatBot.Slack.Inbound;

/// <summary>An interactivity POST: form-encoded with a single <c>payload</c> field holding JSON.</summary>
public sealed record Interaction(string Type)
{
    public IdRef? Team { get; init; }
    public IdRef? Channel { get; init; }
    public IdRef? User { get; init; }
    public IReadOnlyList<InteractionAction> Actions { get; init; } = [];

    /// <summary>Null when the payload field is missing or not an interaction.</summary>
    public static Interaction? Parse(string formBody)
    {
        var form = new FormReader(formBody).ReadForm();
        if (!form.TryGetValue("payload", out var payload))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Interaction>(payload.ToString(), SlackJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record IdRef(string? Id);

public sealed record InteractionAction(string? ActionId, string? Type);
