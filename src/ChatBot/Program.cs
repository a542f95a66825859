using ChatBot.Aws;
using ChatBot.Sandbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddAws();                 // credential chain, endpoints, EC2 and the signed CloudTrail client
builder.AddSandbox();             // no Slack configured in Development: a sample account instead of AWS
var app = builder.Build();
app.MapSandbox();                 // sandbox only: the Slack-like page at / and its endpoints
app.Run();
