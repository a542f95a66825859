using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatBot.Aws.Athena;

/// <summary>Athena over AWS JSON 1.1, the protocol the CloudTrail client speaks, signed in the primary handler.</summary>
public sealed class AthenaClient(HttpClient http, IOptions<AwsOptions> options) : IAthena
{
    public const string StartAction = "athena:StartQueryExecution";
    public const string GetExecutionAction = "athena:GetQueryExecution";
    public const string GetResultsAction = "athena:GetQueryResults";

    /// <summary>What Athena itself does with the bot's credentials while running the query: read the table from Glue,
    /// read the trail's logs and write the results in S3. The policy grants these beside the calls above.</summary>
    public static readonly IReadOnlyList<string> ActionsOnOurBehalf =
        ["glue:GetDatabase", "glue:GetTable", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:PutObject"];

    private const string TargetPrefix = "AmazonAthena.";

    public async Task<string> StartQueryAsync(AthenaQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // The token makes a retried start the same query, never a second one.
        var body = new StartRequest(query.Sql, new ExecutionContext(query.Database), query.WorkGroup,
            query.OutputLocation is null ? null : new ResultConfiguration(query.OutputLocation), Guid.NewGuid().ToString("N"));
        var started = await AwsJson11.SendAsync(http, Call("StartQueryExecution", StartAction), body,
            AthenaJson.Default.StartRequest, AthenaJson.Default.StartResponse, cancellationToken);
        return started.QueryExecutionId ?? throw new AwsCallException(StartAction, "InvalidResponse", "no QueryExecutionId");
    }

    public async Task<QueryExecution> GetQueryExecutionAsync(string queryExecutionId, CancellationToken cancellationToken)
    {
        var response = await AwsJson11.SendAsync(http, Call("GetQueryExecution", GetExecutionAction), new ExecutionRequest(queryExecutionId),
            AthenaJson.Default.ExecutionRequest, AthenaJson.Default.ExecutionResponse, cancellationToken);
        var execution = response.QueryExecution;
        return new QueryExecution(execution?.Status?.State ?? "UNKNOWN", execution?.Status?.StateChangeReason,
            execution?.Statistics?.DataScannedInBytes ?? 0);
    }

    public async Task<QueryResultPage> GetQueryResultsAsync(string queryExecutionId, string? nextToken, CancellationToken cancellationToken)
    {
        var response = await AwsJson11.SendAsync(http, Call("GetQueryResults", GetResultsAction), new ResultsRequest(queryExecutionId, nextToken, 1000),
            AthenaJson.Default.ResultsRequest, AthenaJson.Default.ResultsResponse, cancellationToken);
        var columns = (response.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).Select(c => c.Name ?? "").ToList();
        var rows = (response.ResultSet?.Rows ?? []).Select(r => (IReadOnlyList<string?>)(r.Data ?? []).Select(d => d.VarCharValue).ToList()).ToList();
        return new QueryResultPage(columns, rows, string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }

    private AwsJsonCall Call(string operation, string action)
    {
        var region = options.Value.HomeRegion;
        return new(AwsJson11.Endpoint(options.Value, options.Value.AthenaEndpointUrl, "athena", region), TargetPrefix + operation, action, region);
    }
}

internal sealed record ExecutionContext(string Database);

internal sealed record ResultConfiguration(string OutputLocation);

internal sealed record StartRequest(
    string QueryString, ExecutionContext QueryExecutionContext, string WorkGroup,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResultConfiguration? ResultConfiguration,
    string ClientRequestToken);

internal sealed record StartResponse(string? QueryExecutionId);

internal sealed record ExecutionRequest(string QueryExecutionId);

internal sealed record ExecutionResponse(ExecutionItem? QueryExecution);

internal sealed record ExecutionItem(ExecutionStatus? Status, ExecutionStatistics? Statistics);

internal sealed record ExecutionStatus(string? State, string? StateChangeReason);

internal sealed record ExecutionStatistics(long? DataScannedInBytes);

internal sealed record ResultsRequest(
    string QueryExecutionId, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextToken, int MaxResults);

internal sealed record ResultsResponse(ResultSet? ResultSet, string? NextToken);

internal sealed record ResultSet(IReadOnlyList<ResultRow>? Rows, ResultMetadata? ResultSetMetadata);

internal sealed record ResultRow(IReadOnlyList<ResultDatum>? Data);

internal sealed record ResultDatum(string? VarCharValue);

internal sealed record ResultMetadata(IReadOnlyList<ColumnInfo>? ColumnInfo);

internal sealed record ColumnInfo(string? Name);

[JsonSerializable(typeof(StartRequest))]
[JsonSerializable(typeof(StartResponse))]
[JsonSerializable(typeof(ExecutionRequest))]
[JsonSerializable(typeof(ExecutionResponse))]
[JsonSerializable(typeof(ResultsRequest))]
[JsonSerializable(typeof(ResultsResponse))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
internal sealed partial class AthenaJson : JsonSerializerContext;
