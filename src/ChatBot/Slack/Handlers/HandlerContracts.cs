using ChatBot.Slack.Inbound;

namespace ChatBot.Slack.Handlers;

/// <summary>One slash command. Returns the ephemeral acknowledgement (null for an empty 200) at once; anything slow
/// goes on the backlog, because Slack gives up on the request after 3 seconds.</summary>
public interface ISlashCommandHandler
{
    string Command { get; }

    string? Acknowledge(SlashCommand command);
}

/// <summary>One kind of event, under one or more <see cref="SlackEvent.HandlerKey"/>s (<c>app_mention</c>, <c>message.im</c>).
/// Must return at once; the answer is posted from the backlog.</summary>
public interface IEventCallbackHandler
{
    IReadOnlyList<string> EventTypes { get; }

    /// <returns>False when the bot is too saturated even to say it is busy: the delivery is refused so that
    /// Slack delivers the event again later, rather than the asker hearing nothing.</returns>
    bool Handle(EventEnvelope envelope, SlackEvent slackEvent);
}

/// <summary>One interaction payload type, such as <c>block_actions</c>.</summary>
public interface IInteractionHandler
{
    string Type { get; }

    /// <summary>For <c>block_actions</c>: the button this handler answers (its action_id before any <c>:</c>);
    /// null takes every other action of <see cref="Type"/>.</summary>
    string? ActionId => null;

    void Handle(Interaction interaction);
}
