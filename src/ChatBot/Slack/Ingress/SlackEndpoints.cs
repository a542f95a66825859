using System.Text.Json;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Inbound;
using Microsoft.AspNetCore.Http.Features;

namespace ChatBot.Slack.Ingress;

/// <summary>The routes the Slack app manifest points at, behind <see cref="SlackRequestFilter"/>. Each hands its payload to the
/// <see cref="SlackDispatcher"/> and acknowledges at once; answers come from the backlog.</summary>
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

    private static IResult Commands(HttpContext http, SlackDispatcher dispatcher)
    {
        if (SlashCommand.Parse(Body(http).Text) is not { } command)
        {
            return Results.BadRequest();
        }

        return dispatcher.Command(command).Text is { } ack ? Ephemeral(ack) : Results.Ok();
    }

    private static async Task<IResult> Events(HttpContext http, SlackDispatcher dispatcher)
    {
        var envelope = Deserialize<EventEnvelope>(Body(http).Bytes);
        if (envelope?.Type == EventEnvelope.UrlVerification)
        {
            return Results.Json(new { challenge = envelope.Challenge }, SlackJson.Options);
        }

        return envelope is null ? Results.BadRequest() : await dispatcher.EventAsync(envelope, http.RequestAborted) switch
        {
            EventOutcome.Refused => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
            _ => Results.Ok(),
        };
    }

    private static IResult Interactions(HttpContext http, SlackDispatcher dispatcher)
    {
        if (Interaction.Parse(Body(http).Text) is not { } interaction)
        {
            return Results.BadRequest();
        }

        dispatcher.Interaction(interaction);
        return Results.Ok();
    }

    private static SlackRequestBody Body(HttpContext http) => http.Features.GetRequiredFeature<SlackRequestBody>();

    private static IResult Ephemeral(string text) => Results.Json(EphemeralAck.For(text), SlackJson.Options);

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
