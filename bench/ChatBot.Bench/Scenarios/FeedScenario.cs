using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Bench.Load;
using ChatBot.Bench.Reporting;
using ChatBot.Bench.StandIns;
using ChatBot.Feed;
using ChatBot.StandIns;

namespace ChatBot.Bench.Scenarios;

public sealed record FeedReport(string Scenario, int Messages, int Stops, IReadOnlyList<string> Notes, IReadOnlyList<Check> Checks) : IScenarioReport
{
    public IEnumerable<string> Lines() =>
        [$"scenario {Scenario}: a burst of {Messages} feed messages covering {Stops} stops (duplicates, both event kinds each), alerts on",
         .. Notes.Select(n => "  " + n),
         .. Checks.Select(c => $"  {(c.Met ? "MET " : "MISS")}            {c.Target} (measured: {c.Measured})")];
}

/// <summary>The EventBridge feed under a burst: every stop arrives as its CloudTrail call and two state changes
/// (stopping, stopped), each delivered several times (the same EventBridge ID) and the call once more under another
/// EventBridge ID (two rules), all on the queue at once. One alert per stop, edited as its other events arrive.</summary>
public static class FeedScenario
{
    public const string Name = "feed";
    public const string AlertChannel = "C0BENCHALERTS";

    /// <summary>Events sent one at a time after the burst, for an event's own latency.</summary>
    private const int Singles = 20;

    public static async Task<FeedReport> RunAsync(BenchSettings s, CancellationToken ct)
    {
        const int stops = 50;
        const int messages = 1000;
        await using var queue = await SqsStandIn.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["WHOSTOPPED_EVENTS_QUEUE_URL"] = queue.QueueUrl,
            ["AWS_ENDPOINT_URL_SQS"] = queue.Url.ToString().TrimEnd('/'),
            ["WHOSTOPPED_ALERT_CHANNEL"] = AlertChannel,
        };
        await using var bench = await BenchEnvironment.StartAsync(s, ct, settings);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        bench.Slack.Posts.Clear();

        var ids = Enumerable.Range(0, stops).Select(i => Question.InstanceFor(5_000_000 + i)).ToList();
        var burst = Burst(ids, s.InstanceRegion, messages);
        var cpu = bench.Bot.CpuTime;
        var sentAt = BenchClock.NowMs;
        queue.Send([.. burst]);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Min(120, s.MaxSeconds));
        while ((queue.Depth > 0 || Alerts(bench).Select(p => p.Text).Count() < stops) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        var drainedMs = BenchClock.NowMs - sentAt;
        // Long enough for a late duplicate or edit to show.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var alerts = Alerts(bench).ToList();
        var (depth, receives, deletes) = (queue.Depth, queue.CountOf("ReceiveMessage"), queue.CountOf("DeleteMessage"));
        var perStop = ids.ToDictionary(id => id, id => alerts.Where(a => a.Text.Contains(id, StringComparison.Ordinal)).ToList());
        var posted = perStop.Count(p => p.Value.Count > 0);
        var duplicated = perStop.Sum(p => Math.Max(0, p.Value.Count - 1));
        var latency = Percentiles.Of(perStop.Values.Where(v => v.Count > 0).Select(v => v.Min(a => a.AtMs) - sentAt));
        var edits = bench.Slack.Posts.Snapshot().Count(p => p.Via == "chat.update");
        var namedStopper = bench.Slack.Posts.Snapshot().Where(p => p.Via == "chat.update" || p.ThreadTs is null)
            .Where(p => p.Text.Contains(AwsAnswers.Stopper, StringComparison.Ordinal)).Select(p => ids.Find(id => p.Text.Contains(id, StringComparison.Ordinal))).Distinct().Count();
        // One event at a time after the burst: an event's own way to its alert, without 999 others queued ahead of it.
        var single = new List<double>();
        foreach (var id in Enumerable.Range(0, Singles).Select(i => Question.InstanceFor(5_100_000 + i)))
        {
            var sent = BenchClock.NowMs;
            queue.Send(Burst([id], s.InstanceRegion, 1)[0]);
            while (!Alerts(bench).Any(a => a.Text.Contains(id, StringComparison.Ordinal)) && BenchClock.NowMs - sent < 10_000)
            {
                await Task.Delay(5, ct);
            }

            single.Add((Alerts(bench).FirstOrDefault(a => a.Text.Contains(id, StringComparison.Ordinal))?.AtMs ?? double.NaN) - sent);
        }

        var alone = Percentiles.Of(single.Where(double.IsFinite));
        var rssMb = bench.Bot.PeakRssKb / 1024.0;
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"alerts          {posted} posted, {duplicated} duplicated, {edits} chat.update edits, {namedStopper} name the stopper"),
            string.Create(CultureInfo.InvariantCulture, $"burst → alert   p50 {latency.P50:0}  p95 {latency.P95:0}  p99 {latency.P99:0}  max {latency.Max:0} ms (from the burst's send to each stop's first alert: mostly the wait behind the queue)"),
            string.Create(CultureInfo.InvariantCulture, $"event → alert   p50 {alone.P50:0}  p95 {alone.P95:0}  p99 {alone.P99:0}  max {alone.Max:0} ms ({alone.Count} events one at a time after the burst; AWS {s.AwsLatencyMs} ms a call (one DescribeInstances), Slack {s.SlackLatencyMs} ms)"),
            string.Create(CultureInfo.InvariantCulture, $"queue           depth {depth} after {drainedMs / 1000:0.0} s; {receives} ReceiveMessage, {deletes} DeleteMessage, {queue.DeadLetters.Count} dead letters (the burst)"),
            string.Create(CultureInfo.InvariantCulture, $"AWS             DescribeInstances {bench.Aws.Calls.Snapshot().Count(c => c.Action == AwsStandIn.DescribeInstances)}, LookupEvents {bench.Aws.Calls.Snapshot().Count(c => c.Action == AwsStandIn.LookupEvents)}"),
            string.Create(CultureInfo.InvariantCulture, $"bot             CPU {(bench.Bot.CpuTime - cpu).TotalMilliseconds:0} ms ({(bench.Bot.CpuTime - cpu).TotalMilliseconds / messages:0.00} ms per message), peak RSS {rssMb:0.0} MB, load average {Machine.LoadAverage()}"),
        };
        Check[] checks =
        [
            new($"{stops} alerts, one per stop", posted == stops && duplicated == 0, $"{posted} posted, {duplicated} duplicated"),
            new("the queue drained, nothing dead-lettered", depth == 0 && deletes == messages && queue.DeadLetters.Count == 0,
                $"depth {depth}, {deletes} deleted, {queue.DeadLetters.Count} dead letters"),
            new($"feed event to alert p99 ≤ 1 s plus Slack's latency ({1000 + s.SlackLatencyMs} ms)", alone.Count == Singles && alone.P99 <= 1000 + s.SlackLatencyMs,
                $"p99 {alone.P99:0} ms over {alone.Count}/{Singles} events"),
            new($"peak RSS under {s.RssBudgetMb} MB", rssMb < s.RssBudgetMb, $"{rssMb:0.0} MB"),
        ];
        return new FeedReport(Name, burst.Count, stops, notes, checks);
    }

    private static IEnumerable<SlackPost> Alerts(BenchEnvironment bench) =>
        bench.Slack.Posts.Snapshot().Where(p => p.Channel == AlertChannel && p.ThreadTs is null && p.Via == "chat.postMessage");

    /// <summary>Three events per stop, each repeated, plus the call under a second EventBridge ID, shuffled (seeded).</summary>
    private static List<string> Burst(List<string> ids, string region, int total)
    {
        var distinct = new List<string>();
        foreach (var id in ids)
        {
            var record = JsonNode.Parse(AwsAnswers.StopRecord(region, id))!.AsObject();
            var at = DateTimeOffset.Parse(record["eventTime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            distinct.Add(Envelope("AWS API Call via CloudTrail", region, at, record, []));
            distinct.Add(Envelope("AWS API Call via CloudTrail", region, at, record.DeepClone().AsObject(), []));
            foreach (var (state, after) in new[] { ("stopping", 1), ("stopped", 40) })
            {
                distinct.Add(Envelope("EC2 Instance State-change Notification", region, at.AddSeconds(after),
                    new JsonObject { ["instance-id"] = id, ["state"] = state }, [FeedEnvelope.InstanceArn(region, AwsAnswers.Account, id)]));
            }
        }

        var random = new Random(12);
        return total == 1 ? [distinct[0]] : [.. Enumerable.Range(0, total).Select(i => distinct[i % distinct.Count]).OrderBy(_ => random.Next())];
    }

    private static string Envelope(string detailType, string region, DateTimeOffset at, JsonObject detail, string[] resources) =>
        FeedEnvelope.Write(detailType, AwsAnswers.Account, region, FeedEnvelope.Time(at), detail, resources);
}
