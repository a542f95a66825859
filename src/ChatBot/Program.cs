using ChatBot.Aws;
using ChatBot.Cli;
using ChatBot.Doctor;
using ChatBot.Feed;
using ChatBot.Health;
using ChatBot.Hosting;
using ChatBot.Investigation;
using ChatBot.Sandbox;
using ChatBot.SharedState;
using ChatBot.Slack;
using ChatBot.Slack.Ingress;
using ChatBot.Slack.Socket;
using ChatBot.Telemetry;

// `whostopped i-… [--region R] [--json]` answers on the command line and exits; anything else starts the bot.
if (CliExtensions.IsCliInvocation(args))
{
    return await CliExtensions.RunCliAsync(args);
}

// `ChatBot healthcheck` probes the running app's /healthz for Docker's HEALTHCHECK (the image has no curl).
if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync();
}

var builder = WebApplication.CreateBuilder(args);
var mode = builder.AddRunMode();  // sandbox or Slack, decided once (WHOSTOPPED_SANDBOX; Development without Slack settings)
builder.AddTelemetry();           // JSON logs outside Development, the "whostopped" meter, OpenTelemetry over OTLP
builder.AddAws();                 // credential chain, endpoints, EC2 and the signed CloudTrail client
builder.AddSandbox(mode);         // the sandbox: a sample account instead of AWS, the sandbox page instead of Slack
builder.AddSlack(mode);           // Slack settings, signature check, handlers, Web API client, background backlog
builder.AddSlackSocket(mode);     // SLACK_APP_TOKEN set: Slack's requests over a Socket Mode connection (after AddSlack)
builder.AddInvestigation();       // the engine: regions, instances, events, actor, cause, single-flight cache
builder.AddFeed();                // EventBridge via SQS: recent events in front of LookupEvents, stop alerts (after AddAws/AddSandbox)
builder.AddDoctor();              // the trail doctor: CloudTrail best practices, the feed and member roles, per account
builder.AddHealth();              // readiness: configuration valid, AWS credentials resolvable (cached)
builder.AddSharedState();         // WHOSTOPPED_REDIS: budgets and seen events shared by every replica (after the defaults it replaces)

var app = builder.Build();
app.MapHealth();                  // GET /healthz (liveness), GET /readyz (readiness)
app.MapSlackEndpoints();          // /slack/commands, /slack/events, /slack/interactions
app.MapSandbox();                 // sandbox only: the Slack-like page at / and its endpoints
return await app.RunOrExplainAsync(); // a bad configuration exits 1 with a message naming the variables

public partial class Program;
