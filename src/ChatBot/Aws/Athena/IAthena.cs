namespace ChatBot.Aws.Athena;

/// <summary>The three Athena calls a query needs. Real: <see cref="AthenaClient"/>. Queries run in the bot's own account
/// and home region, where the CloudTrail table lives, whichever account the instance is in.</summary>
public interface IAthena
{
    /// <returns>The query execution ID.</returns>
    Task<string> StartQueryAsync(AthenaQuery query, CancellationToken cancellationToken);

    Task<QueryExecution> GetQueryExecutionAsync(string queryExecutionId, CancellationToken cancellationToken);

    Task<QueryResultPage> GetQueryResultsAsync(string queryExecutionId, string? nextToken, CancellationToken cancellationToken);
}

public sealed record AthenaQuery(string Sql, string Database, string WorkGroup, string? OutputLocation);

/// <param name="State">QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.</param>
public sealed record QueryExecution(string State, string? Reason, long ScannedBytes)
{
    public bool IsDone => State is "SUCCEEDED" or "FAILED" or "CANCELLED";
}

/// <summary>One page of results. For a SELECT, the first row of the first page repeats the column names.</summary>
public sealed record QueryResultPage(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, string? NextToken);
