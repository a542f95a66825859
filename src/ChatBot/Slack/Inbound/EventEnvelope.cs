namespace ChatBot.Slack.Inbound;

/// <summary>An Events API delivery: the url_verification handshake or an event_callback around one event.</summary>
public sealed record EventEnvelope(string Type)
{
    public const string UrlVerification = "url_verification";
    public const string EventCallback = "event_callback";

    public string? Challenge { get; init; }
    public string? TeamId { get; init; }
    public string? EventId { get; init; }
    public SlackEvent? Event { get; init; }
    public IReadOnlyList<Authorization>? Authorizations { get; init; }

    /// <summary>True when the event was caused by this app's own bot user, which must never be answered.</summary>
    public bool IsFromThisBot => Event?.User is { } user && Authorizations?.Any(a => a.UserId == user) == true;
}

public sealed record Authorization(string? UserId, bool IsBot);

public sealed record SlackEvent(string Type)
{
    public string? Subtype { get; init; }
    public string? User { get; init; }
    public string? BotId { get; init; }
    public string? Text { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string? Channel { get; init; }
    public string? ChannelType { get; init; }

    /// <summary>The name handlers register under: the event type, or for messages the subscription name such as
    /// <c>message.im</c>, because a DM and a channel message share the type <c>message</c>.</summary>
    public string HandlerKey => Type == "message" && ChannelType is { } kind ? $"message.{kind}" : Type;

    /// <summary>Posts by bots (ours included) and edits, joins and other subtypes are not questions.</summary>
    public bool IsFromPerson => BotId is null && Subtype is null && User is not null;
}
