using ChatBot.Aws.Athena;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

/// <summary>Event history first. Where EC2 says the instance has been stopped since before the 90 days event history keeps
/// (or the asker reaches further back) and no stop was found there, the trail's archive is asked, around EC2's stop time.</summary>
public sealed class ArchiveInvestigator(
    AccountSearch history, ArchiveSearch archive, IMemoryCache cache, TimeProvider time, IOptions<InvestigationOptions> options) : IInvestigator
{
    /// <summary>An old stop does not change: the archive's answer is kept this long.</summary>
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    public async Task<IReadOnlyList<Finding>> InvestigateAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        // One deadline for the whole question, the archive's polling included.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Timeout);
        var findings = await history.InvestigateAsync(question, deadline.Token);
        if (!archive.Enabled)
        {
            return findings;
        }

        return await Task.WhenAll(findings.Select(f => Window(f, question) is { } window
            ? ArchiveAsync(question, f, window, deadline.Token, cancellationToken)
            : Task.FromResult(f)));
    }

    private (DateOnly From, DateOnly To)? Window(Finding finding, Question question)
    {
        if (finding.Region is null || finding.Stop is not null || finding.Cause != StopCause.Unknown || finding.HasProblem)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var oldest = now - EventSearch.Window;
        if (finding.StoppedAt is { } at)
        {
            // The day either side catches a stop whose event time and EC2's own differ across midnight or by a late delivery.
            return at < oldest ? (Day(at.AddDays(-1)), Day(at.AddDays(1))) : null;
        }

        return question.Since is { } since && since > EventSearch.Window ? (Day(now - since), Day(oldest.AddDays(1))) : null;
    }

    private async Task<Finding> ArchiveAsync(Question question, Finding finding, (DateOnly From, DateOnly To) window, CancellationToken deadline, CancellationToken asked)
    {
        var key = $"archive/{question.Account.Name}/{finding.Region}/{finding.InstanceId}/{window.From}/{window.To}";
        if (cache.TryGetValue(key, out ArchivedTrail? kept) && kept is not null)
        {
            return Verdict.FromArchive(finding, kept);
        }

        try
        {
            // The account the instance was found in, by its ID where the search named one.
            var account = finding.Account?.Id is { } id ? question.Account with { Id = id } : question.Account;
            var found = await archive.SearchAsync(account, finding.Region!, finding.InstanceId, window.From, window.To, deadline);
            cache.Set(key, found, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = KeepFor, Size = 1 });
            return Verdict.FromArchive(finding, found);
        }
        catch (Exception e) when (!asked.IsCancellationRequested)
        {
            var why = e switch
            {
                AthenaQueryException failed => new Problem(ProblemKind.ArchiveQueryEnded) { ErrorCode = failed.Execution.State, Detail = failed.Execution.Reason },
                OperationCanceledException => new Problem(ProblemKind.ArchiveQueryUnfinished) { Within = options.Value.Timeout },
                _ => Problem.From(e, options.Value.Timeout),
            };
            return finding with { Problems = [.. finding.Problems, new Problem(ProblemKind.ArchiveUnsearchable) { Inner = why }] };
        }
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
