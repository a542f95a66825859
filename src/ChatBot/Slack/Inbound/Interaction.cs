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
    /// <summary>Which shortcut was used (for <c>message_action</c> and <c>shortcut</c>).</summary>
    public string? CallbackId { get; init; }
    /// <summary>Where to reply to the person who used a shortcut, ephemerally or in the channel.</summary>
    public string? ResponseUrl { get; init; }
    public string? MessageTs { get; init; }
    /// <summary>The message a message shortcut was used on, as Slack sent it: text, blocks, attachments, ts, thread_ts.</summary>
    public System.Text.Json.JsonElement? Message { get; init; }

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

/// <param name="Value">What the bot put in the button's <c>value</c>.</param>
public sealed record InteractionAction(string? ActionId, string? Type, string? Value = null);
