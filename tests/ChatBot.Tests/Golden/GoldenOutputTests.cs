using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.Ec2;
using ChatBot.Cli;
using ChatBot.Investigation;
using ChatBot.Slack;
using ChatBot.Slack.Answers;
using ChatBot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Golden;

/// <summary>The answers people and scripts see, pinned exactly: Slack's Block Kit (summary and thread), the CLI's text
/// and --json, and the sandbox page's payloads. The findings come from the real engine on fixed inputs, so a change
/// anywhere between CloudTrail and the words shows up here.</summary>
public sealed class GoldenOutputTests
{
    private const string Id = "i-0123456789abcdef0";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset At = new(2026, 11, 20, 10, 3, 12, TimeSpan.Zero);

    public static TheoryData<string> Cases => [.. EngineCases().Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Slack_answer_is_unchanged(string name)
    {
        var answer = SlackAnswer.Render(EngineCases()[name]);
        GoldenFile.Matches($"slack-{name}.json", Json(new { summary = answer.Summary, thread = answer.Thread }));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cli_text_and_json_are_unchanged(string name)
    {
        Finding[] findings = [EngineCases()[name]];
        GoldenFile.Matches($"cli-{name}.txt", TextReport.Render(findings));
        GoldenFile.Matches($"cli-{name}.json", FindingJson.Serialize(findings) + "\n");
    }

    [Fact]
    public async Task Cli_over_the_whole_sample_account_is_unchanged()
    {
        var ids = SampleIds();
        GoldenFile.Matches("cli-sandbox.txt", await RunCli([.. ids, "--sandbox"]));
        GoldenFile.Matches("cli-sandbox.json", await RunCli([.. ids, "--sandbox", "--json"]));
    }

    [Fact]
    public async Task Slack_answers_over_the_whole_sample_account_are_unchanged()
    {
        await using var app = SandboxApp();
        var findings = await app.Services.GetRequiredService<IInvestigator>()
            .InvestigateAsync(new Question(AwsAccount.Default, SampleIds()), CancellationToken.None);
        var answers = findings.Select(SlackAnswer.Render).Select(a => new { summary = a.Summary, thread = a.Thread });
        GoldenFile.Matches("slack-sandbox.json", Json(answers));
    }

    [Fact]
    public async Task Sandbox_page_conversation_is_unchanged()
    {
        await using var app = SandboxApp();
        using var client = app.CreateClient();
        string[] questions =
        [
            "/whostopped i-0da88f3e7eb2ce37e", "/whostopped i-0bad", "/whostopped", "/nope", "/whostopped i-0dd6f50f33595377d eu-west-1 us-east-1",
            "@whostopped hello", "@whostopped who stopped i-055b86098cda5247b?", "@whostopped i-0nothex",
        ];
        var seen = 0;
        foreach (var text in questions)
        {
            using var response = await client.PostAsJsonAsync(new Uri("/sandbox/ask", UriKind.Relative), new { text });
            response.EnsureSuccessStatusCode();
            // One question at a time, answered in full, so the channel's order does not depend on timing.
            seen = await SettledAsync(client, seen);
        }

        var posts = await client.GetStringAsync(new Uri("/sandbox/messages?after=0", UriKind.Relative));
        GoldenFile.Matches("sandbox-messages.json", Json(JsonNode.Parse(posts)));
    }

    /// <summary>The sandbox app with its clock stopped, so sample times, message timestamps and date tokens are fixed.</summary>
    private static WebApplicationFactory<Program> SandboxApp() => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseEnvironment("Development");
        web.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
    });

    private static async Task<int> SettledAsync(HttpClient client, int before)
    {
        var count = before;
        var quiet = 0;
        // Settled once a second passes with nothing new: the sandbox's AWS answers at once, so only a busy machine's
        // scheduling spaces one question's posts, and never by that much.
        for (var i = 0; i < 1200 && quiet < 40; i++)
        {
            await Task.Delay(25);
            var now = (await client.GetFromJsonAsync<JsonArray>(new Uri("/sandbox/messages?after=0", UriKind.Relative)))!.Count;
            quiet = now == count && now > before ? quiet + 1 : 0;
            count = now;
        }

        return count;
    }

    private static string[] SampleIds() =>
    [
        "i-0da88f3e7eb2ce37e", "i-055b86098cda5247b", "i-051d785c3e5b584a7", "i-033000de3769cc1cb", "i-0dd6f50f33595377d",
        "i-0a778df7af7bbf5e2", "i-0377a6dc3c7760a91", "i-0d9c91acfbeb37a93", "i-04cd82d523a409a97", "i-0c5a7e11d0b5e9a41",
        "i-0badc0ffee0000000",
    ];

    private static async Task<string> RunCli(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliExtensions.RunAsync(args, stdout, stderr, b => b.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        return $"exit {exit}\n{stdout}";
    }

    /// <summary>The cases the issue names, each through Verdict on EC2 and CloudTrail data of fixed shape.</summary>
    private static Dictionary<string, Finding> EngineCases()
    {
        var denied = new AwsCallException("cloudtrail:LookupEvents", "AccessDeniedException", "User is not authorized", "req-1234");
        var deniedProblem = Problem.From(denied, TimeSpan.FromSeconds(25));
        return new()
        {
            ["api-stop-sso-user"] = Verdict.For(Id, "us-east-1", Stopped("Client.UserInitiatedShutdown"),
                Trail(Records.SsoConsoleStop(Id, At, "alice@example.com"), Records.DeniedStop(Id, At.AddMinutes(-20)))),
            ["api-stop-iam-cli-several"] = Verdict.For(Id, "us-east-1", Stopped("Client.UserInitiatedShutdown"),
                Trail(Records.IamUserCliStop(Id, At, "bob", "i-0fedcba9876543210"))),
            ["running-again"] = Verdict.For(Id, "us-east-1", Stopped(null) with { State = "running" },
                Trail(Records.AssumedRoleStart(Id, At.AddMinutes(30)), Records.SsoConsoleStop(Id, At))),
            ["os-shutdown"] = Verdict.For(Id, "us-east-1", Stopped("Client.InstanceInitiatedShutdown"), EventTrail.Empty),
            ["spot"] = Verdict.For(Id, "us-east-1", Stopped("Server.SpotInstanceTermination") with { Lifecycle = "spot" }, EventTrail.Empty),
            ["scheduled"] = Verdict.For(Id, "us-east-1", Stopped("Server.ScheduledStop"), EventTrail.Empty),
            ["cloudtrail-late"] = Verdict.For(Id, "us-east-1", Stopped("Client.UserInitiatedShutdown"), EventTrail.Empty),
            ["not-found"] = Verdict.For(Id, "us-east-1", null, EventTrail.Empty),
            ["error-access-denied"] = Verdict.For(Id, "us-east-1", Stopped("Client.UserInitiatedShutdown"), EventTrail.Empty,
                new Verdict.Problems(null, deniedProblem)),
            ["error-no-answer"] = new Finding { InstanceId = Id, Problems = [deniedProblem] },
        };
    }

    private static Ec2Instance Stopped(string? reason) => new(Id, "us-east-1", "stopped")
    {
        StateReasonCode = reason,
        StateReasonMessage = reason is null ? null : reason + ": as EC2 says it",
        StateTransitionReason = "User initiated (2026-11-20 10:03:12 GMT)",
        InstanceType = "m5.large",
        AvailabilityZone = "us-east-1a",
        LaunchTime = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero),
        Tags = new Dictionary<string, string> { ["Name"] = "web-1", ["team"] = "payments", ["env"] = "prod", ["owner"] = "<!channel> & co" },
    };

    /// <summary>Newest first, as LookupEvents returns them; failed calls are the denied attempts.</summary>
    private static EventTrail Trail(params JsonObject[] records)
    {
        var entries = records.Select((r, i) =>
        {
            r["eventID"] = $"0000000{i}-aaaa-bbbb-cccc-dddddddddddd";
            var text = Records.Text(r);
            var time = DateTimeOffset.Parse(r["eventTime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            return new TrailEntry(new TrailEvent(r["eventID"]!.GetValue<string>(), r["eventName"]!.GetValue<string>(), time, text), TrailRecord.Parse(text)!);
        }).ToList();
        var ok = entries.Where(e => e.Record.Succeeded).ToList();
        return new EventTrail(ok.FirstOrDefault(e => e.IsStop), ok, entries.Where(e => !e.Record.Succeeded).ToList());
    }

    private static readonly JsonSerializerOptions Indented = new(SlackJson.Options) { WriteIndented = true };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Indented) + "\n";
}
