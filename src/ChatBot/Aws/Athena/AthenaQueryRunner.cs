namespace ChatBot.Aws.Athena;

/// <summary>Runs one query to its end: start it, poll with backoff until it is done or the caller's deadline passes
/// (the token), then read its rows.</summary>
public sealed class AthenaQueryRunner(IAthena athena, TimeProvider time)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(2);

    /// <summary>Result pages read at most; the bot's queries ask for far fewer rows than this holds.</summary>
    private const int MaxPages = 5;

    public async Task<QueryOutcome> RunAsync(AthenaQuery query, CancellationToken cancellationToken)
    {
        var id = await athena.StartQueryAsync(query, cancellationToken);
        var wait = FirstPoll;
        QueryExecution execution;
        while (!(execution = await athena.GetQueryExecutionAsync(id, cancellationToken)).IsDone)
        {
            await Task.Delay(wait, time, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestPoll.Ticks));
        }

        if (execution.State != "SUCCEEDED")
        {
            throw new AthenaQueryException(execution);
        }

        var rows = new List<IReadOnlyDictionary<string, string?>>();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var results = await athena.GetQueryResultsAsync(id, token, cancellationToken);
            // A SELECT's first row is its header.
            var data = page == 0 && results.Rows.Count > 0 && results.Rows[0].SequenceEqual(results.Columns) ? results.Rows.Skip(1) : results.Rows;
            rows.AddRange(data.Select(r => (IReadOnlyDictionary<string, string?>)results.Columns.Zip(r).ToDictionary(p => p.First, p => p.Second)));
            token = results.NextToken;
            if (token is null)
            {
                break;
            }
        }

        return new QueryOutcome(rows, execution.ScannedBytes);
    }
}

/// <summary>Rows by column name, and how much data the query scanned (what Athena bills).</summary>
public sealed record QueryOutcome(IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows, long ScannedBytes);

/// <summary>Athena ran the query and it failed or was cancelled.</summary>
public sealed class AthenaQueryException(QueryExecution execution)
    : Exception($"The Athena query {execution.State.ToLowerInvariant()}: {execution.Reason ?? "no reason given"}")
{
    public QueryExecution Execution { get; } = execution;
}
