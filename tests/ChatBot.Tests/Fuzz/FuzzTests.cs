using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Tests.Slack;

namespace ChatBot.Tests.Fuzz;

public class FuzzTests
{
    private const int Seed = 20261124;
    private const int Cases = 3000;

    /// <summary>On a slow machine the run stops early rather than stall CI; it must still cover most of the cases.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Thousands_of_hostile_requests_get_a_2xx_or_4xx_and_the_bot_still_answers_afterwards()
    {
        await using var app = new TestApp(new Dictionary<string, string?>
        {
            ["WHOSTOPPED_WORKERS"] = "4", ["WHOSTOPPED_DRAIN_SECONDS"] = "1",
            // The flood's questions share EC2's answers, as in production; otherwise they queue behind the EC2 budget.
            ["WHOSTOPPED_STATE_SECONDS"] = "5",
        });
        var requests = new HostileRequests(Seed, app.Slack.ResponseUrl);
        using var client = app.CreateClient();
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        var sent = 0;
        for (; sent < Cases && clock.Elapsed < TimeBound; sent++)
        {
            using var request = requests.Next();
            var what = $"case {sent} (seed {Seed}): POST {request.RequestUri} {request.Content!.Headers.ContentLength} bytes";
            try
            {
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status is not (>= 200 and < 300 or >= 400 and < 500))
                {
                    failures.Add($"{what} → {status}: {await response.Content.ReadAsStringAsync()}"[..300]);
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
            {
                failures.Add($"{what} → {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.DoesNotContain(app.Logs.Lines, l => Regex.IsMatch(l, @"^\S+ (Error|Critical): "));
        Assert.True(sent >= Cases * 2 / 3, $"only {sent} cases ran within {TimeBound}");
        Assert.True(statuses.Keys.Count(s => s >= 400) >= 3, "the cases should reach the size cap, the signature check and the parsers: " + string.Join(", ", statuses));

        using var control = await app.SendAsync(SignedRequests.Command(TestApp.OtherId, app.Slack.ResponseUrl));
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Contains("Looking up", await control.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(() => app.Slack.Bodies().Any(p => p.GetProperty("text").GetString()!.Contains(TestApp.OtherId, StringComparison.Ordinal)));
    }
}
