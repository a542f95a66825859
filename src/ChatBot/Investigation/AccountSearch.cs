using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Aws.Ec2;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

/// <summary>Questions across the organisation. With one account, or a question that names its account, the
/// <see cref="Investigator"/> answers directly. Otherwise each instance is found first, where it was found before or
/// by DescribeInstances in every account and region at once (stopping the rest as soon as all are found), and then
/// answered there. An instance EC2 knows nowhere is looked for in every account's CloudTrail. An account whose role
/// cannot be assumed does not stop the others, and the answer names it.</summary>
public sealed partial class AccountSearch(
    Investigator investigator, AccountDirectory accounts, AccountCredentials credentials, RegionSearch regions, IInstanceLocations locations,
    IOptions<AccountsOptions> accountOptions, IOptions<InvestigationOptions> options, ILogger<AccountSearch> logger) : IInvestigator
{
    /// <summary>One question's DescribeInstances in flight at once: each goes to a different account and region (its own
    /// EC2 budget), and 20 accounts × 4 regions still fit in one round trip.</summary>
    public const int MaxCallsInFlight = 100;

    public async Task<IReadOnlyList<Finding>> InvestigateAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!accounts.AreMany)
        {
            return await investigator.InvestigateAsync(question, cancellationToken);
        }

        if (question.Account != AwsAccount.Default)
        {
            return [.. (await investigator.InvestigateAsync(question, cancellationToken)).Select(f => Stamp(f, question.Account, []))];
        }

        var ids = question.InstanceIds.Select(i => i.Trim().ToLowerInvariant()).Distinct().ToList();
        var answered = new Dictionary<string, Finding>();
        foreach (var finding in await investigator.InvestigateAsync(new Question(AwsAccount.Default, [.. ids.Where(id => !InstanceId.IsValid(id))]), cancellationToken))
        {
            answered[finding.InstanceId] = finding;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Timeout);
        var search = new Search();
        var valid = ids.Where(InstanceId.IsValid).ToList();
        // Remembered places first; one EC2 no longer knows there is searched for afresh.
        var missing = await AnswerAsync(question, await RememberedAsync(valid, deadline.Token), search, answered, deadline.Token);
        missing = await AnswerAsync(question, await LocateAsync(question, [.. valid.Except(answered.Keys).Union(missing)], search, deadline.Token), search, answered, deadline.Token);
        foreach (var finding in await FromCloudTrailAsync(question, [.. valid.Except(answered.Keys).Union(missing)], search, cancellationToken))
        {
            answered[finding.InstanceId] = finding;
        }

        return [.. ids.Select(id => answered[id])];
    }

    /// <summary>Answers each located instance in its account and region; returns those EC2 did not know there after all.</summary>
    private async Task<List<string>> AnswerAsync(
        Question question, Dictionary<string, Location> located, Search search, Dictionary<string, Finding> answered, CancellationToken ct)
    {
        var missing = new List<string>();
        var byPlace = new Dictionary<Location, List<string>>();
        foreach (var (id, place) in located)
        {
            (byPlace.TryGetValue(place, out var ids) ? ids : byPlace[place] = []).Add(id);
        }

        foreach (var (place, ids) in byPlace)
        {
            var findings = await investigator.InvestigateAsync(new Question(place.Account, ids, place.Region), ct);
            foreach (var finding in findings)
            {
                if (finding.Found || finding.HasProblem)
                {
                    answered[finding.InstanceId] = Stamp(finding, place.Account, search.Notes(accounts));
                }
                else
                {
                    // The Investigator has dropped the remembered place already.
                    missing.Add(finding.InstanceId);
                }
            }
        }

        return missing;
    }

    /// <summary>DescribeInstances in every account and region at once, region by region so every account's first
    /// region (and its AssumeRole) goes first; the rest are cancelled once every instance is found.</summary>
    private async Task<Dictionary<string, Location>> LocateAsync(Question question, List<string> ids, Search search, CancellationToken ct)
    {
        var located = new Dictionary<string, Location>();
        if (ids.Count == 0)
        {
            return located;
        }

        // Every role at once, before any EC2 client is even looked up: the one that matters is not kept waiting behind
        // the others' set-up. Shared with the EC2 calls below, so still one AssumeRole per account.
        var roles = accounts.All.Select(a => RoleOutcomeAsync(a, search)).ToList();
        var perAccount = await Task.WhenAll(accounts.All.Select(a => RegionsAsync(question, a, search, ct)));
        var pairs = RegionByRegion(perAccount);
        var found = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var gate = new SemaphoreSlim(MaxCallsInFlight);
        var fan = new FanOut(ids.ToHashSet(), located, found);
        var every = Task.WhenAll(pairs.Select(where => DescribeAtAsync(where, ids, fan, gate, search)));
        // Once every instance is found the answer goes on at once; the cancelled calls wind down behind it. Which roles
        // were refused is part of the answer, so those already asked are awaited (shared: no second AssumeRole).
        await Task.WhenAny(every, fan.AllFound);
        await Task.WhenAll(roles);
        _ = every.ContinueWith(_ =>
        {
            found.Dispose();
            gate.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        lock (fan)
        {
            return new Dictionary<string, Location>(located);
        }
    }

    /// <summary>Instances EC2 knows in no account: CloudTrail in every account that could be searched, answered from the
    /// first that remembers them.</summary>
    private async Task<IEnumerable<Finding>> FromCloudTrailAsync(Question question, List<string> ids, Search search, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var searchable = accounts.All.Where(a => !search.Refused(a)).ToList();
        var perAccount = await Task.WhenAll(searchable.Select(a => investigator.InvestigateAsync(new Question(a, ids, question.Region), ct)));
        var notes = search.Notes(accounts);
        return ids.Select(id =>
        {
            var candidates = searchable.Zip(perAccount, (a, fs) => (Account: a, Finding: fs.First(f => f.InstanceId == id))).ToList();
            var best = candidates.FirstOrDefault(c => c.Finding.Stop is not null || c.Finding.History.Count > 0 || c.Finding.DeniedAttempts.Count > 0);
            if (best.Finding is not null)
            {
                return Stamp(best.Finding, best.Account, notes);
            }

            return candidates.Count > 0
                ? Stamp(candidates[0].Finding, null, notes)
                : new Finding { InstanceId = id, Problems = notes, Unsearched = notes };
        });
    }

    /// <summary>Every account's first region, then every account's second, and so on. Plain loops: LINQ over tuples
    /// here is generic code that is compiled on a first question's critical path (ReadyToRun cannot hold it).</summary>
    private List<Location> RegionByRegion(IReadOnlyList<string>[] perAccount)
    {
        var pairs = new List<Location>();
        var most = perAccount.Length == 0 ? 0 : perAccount.Max(r => r.Count);
        for (var i = 0; i < most; i++)
        {
            for (var a = 0; a < perAccount.Length; a++)
            {
                if (i < perAccount[a].Count)
                {
                    pairs.Add(new Location(accounts.All[a], perAccount[a][i]));
                }
            }
        }

        return pairs;
    }

    private async Task<IReadOnlyList<string>> RegionsAsync(Question question, AwsAccount account, Search search, CancellationToken ct)
    {
        try
        {
            return await regions.RegionsAsync(question with { Account = account }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            search.Failed(account, e, logger);
            return [];
        }
    }

    private async Task<Dictionary<string, Location>> RememberedAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        var known = new Dictionary<string, Location>();
        foreach (var id in ids)
        {
            if (await locations.FindAsync(id, ct) is { } place && accounts.All.FirstOrDefault(a => a.Name == place.AccountName) is { } account)
            {
                known[id] = new Location(account, place.Region);
            }
        }

        return known;
    }

    private sealed record Location(AwsAccount Account, string Region);
}
