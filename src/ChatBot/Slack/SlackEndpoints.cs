using System.Text.Json;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Inbound;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack;

/// <summary>The routes the Slack app manifest points at. Each acknowledges at once; answers come from the backlog.</summary>
public static class SlackEndpoints
{
    public const string CommandsPath = "/slack/commands";
    public const string EventsPath = "/slack/events";
    public const string InteractionsPath = "/slack/interactions";
    /// <summary>Liveness, served by Health/ with the readiness checks.</summary>
    public const string HealthPath = "/healthz";

    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("").AddEndpointFilter<SlackRequestFilter>();
        slack.MapPost(CommandsPath, Commands);
        slack.MapPost(EventsPath, Events);
        slack.MapPost(InteractionsPath, Interactions);
        return app;
    }

    private static IResult Commands(HttpContext http, IEnumerable<ISlashCommandHandler> handlers, IOptionsMonitor<SlackOptions> options)
    {
        if (SlashCommand.Parse(Body(http).Text) is not { } command)
        {
            return Results.BadRequest();
        }

        if (!Allowed(options, command.TeamId, command.ChannelId))
        {
            return Ephemeral(Replies.NotAllowed);
        }

        var handler = handlers.FirstOrDefault(h => h.Command == command.Command);
        var ack = handler is null ? Replies.UnknownCommand(command.Command) : handler.Acknowledge(command);
        return ack is null ? Results.Ok() : Ephemeral(ack);
    }

    private static async Task<IResult> Events(
        HttpContext http, IEnumerable<IEventCallbackHandler> handlers, ISeenEvents seen, IOptionsMonitor<SlackOptions> options)
    {
        var envelope = Deserialize<EventEnvelope>(Body(http).Bytes);
        if (envelope?.Type == EventEnvelope.UrlVerification)
        {
            return Results.Json(new { challenge = envelope.Challenge }, SlackJson.Options);
        }

        // Anything acknowledged with 200 is never redelivered, so refusals and repeats are quiet 200s too.
        if (envelope is not { Type: EventEnvelope.EventCallback, Event: { } slackEvent, EventId: { } eventId }
            || !Allowed(options, envelope.TeamId, slackEvent.Channel)
            || !await seen.FirstTimeAsync(eventId, http.RequestAborted))
        {
            return envelope is null ? Results.BadRequest() : Results.Ok();
        }

        if (handlers.FirstOrDefault(h => h.EventType == slackEvent.HandlerKey)?.Handle(envelope, slackEvent) == false)
        {
            // Forgotten, so that Slack's redelivery of this refused event is taken as new.
            await seen.ForgetAsync(eventId, http.RequestAborted);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok();
    }

    private static IResult Interactions(HttpContext http, IEnumerable<IInteractionHandler> handlers, IOptionsMonitor<SlackOptions> options)
    {
        var interaction = Interaction.Parse(Body(http).Text);
        if (interaction is null)
        {
            return Results.BadRequest();
        }

        if (Allowed(options, interaction.Team?.Id, interaction.Channel?.Id))
        {
            handlers.FirstOrDefault(h => h.Type == interaction.Type)?.Handle(interaction);
        }

        return Results.Ok();
    }

    private static SlackRequestBody Body(HttpContext http) => http.Features.GetRequiredFeature<SlackRequestBody>();

    private static bool Allowed(IOptionsMonitor<SlackOptions> options, string? teamId, string? channelId) =>
        options.CurrentValue.AllowsTeam(teamId) && options.CurrentValue.AllowsChannel(channelId);

    private static IResult Ephemeral(string text) =>
        Results.Json(new { response_type = "ephemeral", text = Mrkdwn.Fit(text, Mrkdwn.MaxSectionText) }, SlackJson.Options);

    private static T? Deserialize<T>(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, SlackJson.Options);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
