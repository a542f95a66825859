using ChatBot.Aws;
using ChatBot.Cli;
using ChatBot.Investigation;
using ChatBot.Slack;

// `whostopped i-… [--region R] [--json]` answers on the command line and exits; anything else starts the bot.
if (CliExtensions.IsCliInvocation(args))
{
    return await CliExtensions.RunCliAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAws();                 // credential chain, endpoints, EC2 and the signed CloudTrail client
builder.AddInvestigation();       // the engine: regions, instances, events, actor, cause, single-flight cache
builder.AddSlack();               // Slack settings, signature check, handlers, Web API client, background backlog

var app = builder.Build();
app.MapSlackEndpoints();          // /slack/commands, /slack/events, /slack/interactions, /healthz
app.Run();
return 0;

public partial class Program;
