using ChatBot.Aws;
using ChatBot.Slack;

var builder = WebApplication.CreateBuilder(args);
builder.AddAws();                 // credential chain, endpoints, EC2 and the signed CloudTrail client
builder.AddSlack();               // Slack settings, signature check, handlers, Web API client, background backlog
var app = builder.Build();
app.MapSlackEndpoints();          // /slack/commands, /slack/events, /slack/interactions, /healthz
app.Run();

public partial class Program;
