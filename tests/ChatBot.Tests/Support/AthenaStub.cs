using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatBot.Tests.Support;

/// <summary>Athena (JSON 1.1) and STS GetCallerIdentity on the <see cref="AwsStub"/>'s server. Rows are made from
/// CloudTrail records the way the CloudTrail table's columns hold them.</summary>
public sealed class AthenaStub(WireMockServer server)
{
    public const string Target = "AmazonAthena.";
    public const string QueryId = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["WHOSTOPPED_ATHENA_TABLE"] = "cloudtrail.org_trail",
        ["WHOSTOPPED_ATHENA_WORKGROUP"] = "whostopped",
        ["WHOSTOPPED_ATHENA_OUTPUT"] = "s3://whostopped-athena-results/queries/",
    };

    private static readonly string[] Columns =
    [
        "eventid", "eventname", "eventtime", "awsregion", "sourceipaddress", "useragent", "errorcode", "errormessage",
        "requestparameters", "responseelements", "serviceeventdetails", "sessioncredentialfromconsole",
        "identity_type", "principal_id", "identity_arn", "identity_account", "access_key_id", "user_name", "invoked_by",
        "source_identity", "issuer_type", "issuer_arn", "issuer_name", "mfa_authenticated", "session_created",
    ];

    /// <summary>The query runs for <paramref name="polls"/> GetQueryExecution calls, then ends in <paramref name="state"/>.</summary>
    public AthenaStub Query(string state = "SUCCEEDED", int polls = 1, long scannedBytes = 2_516_582, string? reason = null, params JsonObject[] records)
    {
        CallerIdentity();
        Answer("StartQueryExecution", new JsonObject { ["QueryExecutionId"] = QueryId });
        for (var i = 0; i < polls; i++)
        {
            var step = server.Given(Call("GetQueryExecution")).InScenario("athena");
            (i == 0 ? step : step.WhenStateIs($"poll-{i}")).WillSetStateTo($"poll-{i + 1}").RespondWith(Json(Execution("RUNNING", 0, null)));
        }

        server.Given(Call("GetQueryExecution")).InScenario("athena").WhenStateIs($"poll-{polls}").RespondWith(Json(Execution(state, scannedBytes, reason)));
        var rows = new JsonArray(Row(Columns));
        foreach (var record in records)
        {
            rows.Add(Row(Columns.Select(c => Value(record, c)).ToArray()));
        }

        Answer("GetQueryResults", new JsonObject
        {
            ["ResultSet"] = new JsonObject
            {
                ["Rows"] = rows,
                ["ResultSetMetadata"] = new JsonObject { ["ColumnInfo"] = new JsonArray([.. Columns.Select(c => (JsonNode)new JsonObject { ["Name"] = c, ["Type"] = "varchar" })]) },
            },
            ["UpdateCount"] = 0,
        });
        return this;
    }

    /// <summary>A query that never finishes.</summary>
    public AthenaStub Endless()
    {
        CallerIdentity();
        Answer("StartQueryExecution", new JsonObject { ["QueryExecutionId"] = QueryId });
        Answer("GetQueryExecution", Execution("RUNNING", 0, null));
        return this;
    }

    public IReadOnlyList<ILogEntry> Calls(string operation) =>
        server.LogEntries.Where(e => AwsStub.Header(e, "X-Amz-Target") == Target + operation).ToList();

    public string StartedSql() => JsonNode.Parse(Calls("StartQueryExecution").Single().RequestMessage.Body!)!["QueryString"]!.GetValue<string>();

    private void CallerIdentity() => server.Given(Request.Create().WithPath("/").UsingPost().WithBody("*Action=GetCallerIdentity*"))
        .RespondWith(Response.Create().WithHeader("Content-Type", "text/xml").WithBody(
            $"<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::{Records.Account}:role/whostopped</Arn>"
            + $"<UserId>AROAEXAMPLE:whostopped</UserId><Account>{Records.Account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"));

    private static JsonObject Execution(string state, long scanned, string? reason) => new()
    {
        ["QueryExecution"] = new JsonObject
        {
            ["QueryExecutionId"] = QueryId,
            ["Status"] = new JsonObject { ["State"] = state, ["StateChangeReason"] = reason },
            ["Statistics"] = new JsonObject { ["DataScannedInBytes"] = scanned, ["EngineExecutionTimeInMillis"] = 1200 },
        },
    };

    private static JsonObject Row(string?[] values) =>
        new() { ["Data"] = new JsonArray([.. values.Select(v => (JsonNode)(v is null ? new JsonObject() : new JsonObject { ["VarCharValue"] = v }))]) };

    /// <summary>A column of the CloudTrail table for one record: JSON columns hold their JSON as text.</summary>
    private static string? Value(JsonObject record, string column)
    {
        var identity = record["userIdentity"] as JsonObject;
        var session = identity?["sessionContext"] as JsonObject;
        JsonNode? node = column switch
        {
            "eventid" => record["eventID"],
            "eventname" => record["eventName"],
            "eventtime" => record["eventTime"],
            "awsregion" => record["awsRegion"],
            "sourceipaddress" => record["sourceIPAddress"],
            "useragent" => record["userAgent"],
            "errorcode" => record["errorCode"],
            "errormessage" => record["errorMessage"],
            "requestparameters" => record["requestParameters"],
            "responseelements" => record["responseElements"],
            "serviceeventdetails" => record["serviceEventDetails"],
            "sessioncredentialfromconsole" => record["sessionCredentialFromConsole"],
            "identity_type" => identity?["type"],
            "principal_id" => identity?["principalId"],
            "identity_arn" => identity?["arn"],
            "identity_account" => identity?["accountId"],
            "access_key_id" => identity?["accessKeyId"],
            "user_name" => identity?["userName"],
            "invoked_by" => identity?["invokedBy"],
            "source_identity" => session?["sourceIdentity"],
            "issuer_type" => session?["sessionIssuer"]?["type"],
            "issuer_arn" => session?["sessionIssuer"]?["arn"],
            "issuer_name" => session?["sessionIssuer"]?["userName"],
            "mfa_authenticated" => session?["attributes"]?["mfaAuthenticated"],
            "session_created" => session?["attributes"]?["creationDate"],
            _ => null,
        };
        return node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }

    private static IRequestBuilder Call(string operation) => Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", Target + operation)
        .WithHeader("Authorization", "*/athena/aws4_request*");

    private void Answer(string operation, JsonObject body) => server.Given(Call(operation)).RespondWith(Json(body));

    private static IResponseBuilder Json(JsonObject body) => Response.Create().WithHeader("Content-Type", "application/x-amz-json-1.1")
        .WithHeader("x-amzn-RequestId", "athena-req-1").WithBody(body.ToJsonString());
}
