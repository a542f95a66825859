using System.Text.Json;

namespace ChatBot.Slack.Inbound;

/// <summary>An interactivity POST: form-encoded with a single <c>payload</c> field holding JSON.</summary>
public sealed record Interaction(string Type)
{
    public IdRef? Team { get; init; }
    public IdRef? Channel { get; init; }
    public IdRef? User { get; init; }
    /// <summary>Nullable, elements too, because JSON can say <c>null</c> or <c>[null]</c>.</summary>
    public IReadOnlyList<InteractionAction?>? Actions { get; init; }

    /// <summary>Null when the payload field is missing or not an interaction.</summary>
    public static Interaction? Parse(string formBody)
    {
        if (SlackForm.Read(formBody) is not { } form || !form.TryGetValue("payload", out var payload))
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
