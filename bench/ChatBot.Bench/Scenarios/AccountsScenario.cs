using System.Globalization;
using ChatBot.Bench.Load;
using ChatBot.Bench.Reporting;
using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Scenarios;

/// <param name="Placed">The account each asked instance lives in; <paramref name="Region"/> is the region.</param>
public sealed record AccountsReport(
    string Scenario, int AwsLatencyMs, int Accounts, IReadOnlyList<string> Notes, IReadOnlyList<EngineProbe> Probes, IReadOnlyList<Check> Checks,
    IReadOnlyDictionary<string, string> Placed, string Region)
    : IScenarioReport
{
    public IEnumerable<string> Lines() =>
        [$"scenario {Scenario}: {Accounts} member accounts (and the bot's own) × {Probes.Count} questions, region and account unknown, AWS {AwsLatencyMs} ms per call",
         .. Notes.Select(n => "  " + n),
         .. Probes.Select(p => string.Create(CultureInfo.InvariantCulture,
             $"  {p.Case,-22} {p.InstanceId}: answer {p.AnswerMs:0} ms; {string.Join(", ", p.Calls.GroupBy(c => c.Action).Select(g => $"{g.Key} {g.Count()} (+{g.Min(c => c.StartMs):0}..+{g.Max(c => c.EndMs):0})"))}")),
         .. Probes.Take(1).Select(p => $"  {"  its path",-22} {Path(p)}"),
         .. Checks.Select(c => $"  {(c.Met ? "MET " : "MISS")}            {c.Target} (measured: {c.Measured})")];

    /// <summary>Where the first answer's time goes: the calls for the instance's own account and region, in order, and
    /// the gaps between them, which are the bot's own work (AWS takes exactly L for each call).</summary>
    private string Path(EngineProbe probe)
    {
        var at = Placed.GetValueOrDefault(probe.InstanceId);
        var chain = probe.Calls.Where(c => c.Account == at && (c.Action == OrganizationStandIn.AssumeRole || c.Region == Region))
            .GroupBy(c => c.Action).Select(g => g.MinBy(c => c.StartMs)!).OrderBy(c => c.StartMs).ToList();
        var gaps = chain.Select((c, i) => c.StartMs - (i == 0 ? 0 : chain[i - 1].EndMs)).Append((probe.AnswerMs ?? double.NaN) - (chain.Count > 0 ? chain[^1].EndMs : 0));
        return string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(", ", chain.Select(c => $"{c.Action} +{c.StartMs:0}..+{c.EndMs:0}"))}; the bot's own time between them {string.Join(" + ", gaps.Select(g => g.ToString("0", CultureInfo.InvariantCulture)))} ms");
    }
}

/// <summary>The many-accounts measurement: an organisation of member accounts, each read through its role (AssumeRole, then
/// temporary credentials), the instance's account and region unknown. The bot assumes the roles at start-up; the first
/// question finds the instance across the organisation; a second about the same instance goes straight to where it was
/// found; a third, about another instance, searches everywhere again.</summary>
public static class AccountsScenario
{
    public const string Name = "accounts";
    public const string OwnAccount = "999900001111";
    public const string Home = "home";
    public const string First = "first question";
    public const string Again = "same instance again";
    public const string Another = "another instance";

    /// <summary>The roles' sessions last an hour (DurationSeconds 3600). A question would renew one 5 minutes before it
    /// ends; the bot's background renews it up to two minutes before that, so at worst 7 minutes early.</summary>
    private const double SessionMinutes = 60;
    private const double RefreshedEarlyMinutes = 7;

    public static async Task<AccountsReport> RunAsync(BenchSettings s, CancellationToken ct)
    {
        var accounts = Enumerable.Range(1, s.Accounts).Select(i => (Alias: $"acct{i:D2}", Id: OrganizationStandIn.AccountId(i))).ToList();
        var first = Question.InstanceFor(4_000_000);
        var another = Question.InstanceFor(4_000_001);
        // Late in the list, so that finding it is not a matter of asking the first account first.
        var placed = new Dictionary<string, string> { [first] = accounts[^2].Id, [another] = accounts[s.Accounts / 3].Id };
        var warm = Enumerable.Range(0, Math.Max(0, s.Warmup)).Select(i => Question.InstanceFor(4_100_000 + i)).ToList();
        warm.ForEach(id => placed[id] = OwnAccount);
        var org = new OrganizationStandIn(OwnAccount, BenchEnvironment.SecretAccessKey);
        var settings = new Dictionary<string, string>
        {
            // The bot's own account is listed too, as the README suggests: it is read with the bot's own credentials.
            ["WHOSTOPPED_ACCOUNTS"] = string.Join(",", accounts.Select(a => $"{a.Alias}={a.Id}").Prepend($"{Home}={OwnAccount}")),
        };

        await using var bench = await BenchEnvironment.StartAsync(s, ct, settings, b => b with { Organization = org, InstanceAccounts = placed });
        // The bot has been up a moment before anyone asks, as after a deploy: its start-up work (the roles too) is done.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var atStart = bench.Aws.Calls.Snapshot();
        // Questions that name the bot's own account run the engine and the answer without touching a member account, so
        // the measured questions find a bot that has answered before, as the other scenarios do.
        var warmQuestions = warm.Select((id, i) => Question.Create("AW", QuestionKind.Command, i, id, null) with { Text = $"{id} {Home}" }).ToList();
        await bench.AwaitAnswersAsync(warmQuestions, await bench.Driver.AskAsync(warmQuestions, 2, 0, ct), TimeSpan.FromSeconds(30), ct);
        await bench.WarmUpAsync(s with { Warmup = 0 }, ct);

        var all = new List<AwsCall>();
        var probes = new List<EngineProbe>();
        var notes = new List<string> { $"at start-up, before any question: {string.Join(", ", atStart.GroupBy(c => c.Action).Select(g => $"{g.Key} {g.Count()}"))}" };
        async Task Probe(int index, string label, string id)
        {
            var cpu = bench.Bot.CpuTime;
            probes.Add(await EngineScenario.ProbeAsync(bench, index, label, id, null, s, ct));
            // CPU is the load-independent measure on a shared machine; it includes the 2 s the bench waits for duplicates.
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: bot CPU {(bench.Bot.CpuTime - cpu).TotalMilliseconds:0} ms, load average {Machine.LoadAverage()}"));
            all.AddRange(bench.Aws.Calls.Snapshot());
        }

        await Probe(0, First, first);
        // Past the few seconds an instance's state is shared, so the second question asks EC2 afresh, as a later one would.
        await Task.Delay(TimeSpan.FromSeconds(6), ct);
        await Probe(1, Again, first);
        await Probe(2, Another, another);

        return new AccountsReport(Name, s.AwsLatencyMs, s.Accounts, notes, probes, Checks(s, atStart, all, probes), placed, s.InstanceRegion);
    }

    private static Check[] Checks(BenchSettings s, IReadOnlyList<AwsCall> atStart, IReadOnlyList<AwsCall> all, List<EngineProbe> probes)
    {
        var l = s.AwsLatencyMs;
        var member = all.Where(c => c.Action is AwsStandIn.DescribeInstances or AwsStandIn.LookupEvents && c.Account != OwnAccount).ToList();
        var everything = atStart.Concat(all).ToList();
        var assumes = everything.Where(c => c.Action == OrganizationStandIn.AssumeRole).GroupBy(c => c.Account).ToList();
        var own = everything.Count(c => c.Action == OrganizationStandIn.AssumeRole && c.Account == OwnAccount);
        var beforeFirst = atStart.Count(c => c.Action == OrganizationStandIn.AssumeRole);
        var perAccount = assumes.Count == 0 ? 0 : assumes.Max(g => g.Count());
        var perHour = perAccount * SessionMinutes / (SessionMinutes - RefreshedEarlyMinutes);
        var callerIdentity = everything.Count(c => c.Action == OrganizationStandIn.GetCallerIdentity);
        return
        [
            new($"first answer ≤ 3 × L + 100 ms ({3 * l + 100} ms): the roles assumed at start-up, then DescribeInstances, then LookupEvents",
                probes[0].AnswerMs <= 3 * l + 100, $"{probes[0].AnswerMs:0} ms ({beforeFirst} AssumeRole before the question)"),
            new($"the same instance again ≤ L + 50 ms ({l + 50} ms)", probes[1].AnswerMs <= l + 50, $"{probes[1].AnswerMs:0} ms"),
            new("AssumeRole ≤ 2 per account per hour",
                perHour <= 2 && assumes.Count == s.Accounts && own == 0,
                string.Create(CultureInfo.InvariantCulture,
                    $"{assumes.Sum(g => g.Count())} AssumeRole for {assumes.Count} member accounts from start-up to the last of {probes.Count} questions ({own} for the bot's own), at most {perAccount} per account; one-hour sessions renewed {RefreshedEarlyMinutes} min early: {perHour:0.00} per account per hour")),
            new("GetCallerIdentity once, at start-up", callerIdentity == 1 && atStart.Any(c => c.Action == OrganizationStandIn.GetCallerIdentity),
                $"{callerIdentity} in all, {atStart.Count(c => c.Action == OrganizationStandIn.GetCallerIdentity)} before the first question"),
            new("every EC2 and CloudTrail request signed with its account's temporary credentials, with X-Amz-Security-Token, signature verified",
                member.Count > 0 && member.All(c => c.Temporary && c.Problem is null),
                $"{member.Count(c => c.Temporary && c.Problem is null)}/{member.Count} ({string.Join(", ", member.Where(c => c.Problem is not null).Select(c => c.Problem).Distinct())})"),
            new("every question answered, naming the stopper", probes.All(p => p.AnswerMs is not null), $"{probes.Count(p => p.AnswerMs is not null)}/{probes.Count}"),
        ];
    }
}
