using ChatBot.Aws;

var builder = WebApplication.CreateBuilder(args);
builder.AddAws();                 // credential chain, endpoints, EC2 and the signed CloudTrail client
var app = builder.Build();
app.Run();
