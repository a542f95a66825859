using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Aws;
using ChatBot.Aws.Athena;
using ChatBot.Aws.CloudTrail;
using Microsoft.Extensions.Options;

namespace ChatBot.Investigation;

/// <summary>What the trail's S3 logs say about one instance, through Athena: for stops older than the 90 days of event history.</summary>
public sealed class ArchiveSearch(AthenaQueryRunner athena, ICallerAccount caller, IOptions<AthenaOptions> options)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>The instance's state changes between two days (inclusive), as the engine reads LookupEvents.</summary>
    /// <exception cref="ArgumentException">The instance ID is not one; no call has been made.</exception>
    public async Task<ArchivedTrail> SearchAsync(AwsAccount account, string region, string instanceId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        // Checked before the account lookup too, so that a hostile ID costs no AWS call at all.
        if (InstanceId.Parse(instanceId) != instanceId)
        {
            throw new ArgumentException($"not an instance ID: {instanceId}", nameof(instanceId));
        }

        // A configured account names its ID; the credentials' own account is asked of STS once.
        var sql = ArchiveSql.For(options.Value.Table!, account.Id ?? await caller.IdAsync(ct), region, instanceId, from, to);
        var outcome = await athena.RunAsync(new AthenaQuery(sql, options.Value.Database, options.Value.WorkGroup, options.Value.Output), ct);
        var events = outcome.Rows.Select(Event).OfType<TrailEvent>();
        var entries = EventSearch.Relevant(events, instanceId).ToList();
        var succeeded = entries.Where(e => e.Record.Succeeded).ToList();
        var stop = succeeded.FirstOrDefault(e => e.IsStop);
        var history = stop is null ? succeeded : [.. succeeded.TakeWhile(e => e != stop), stop];
        return new ArchivedTrail(new EventTrail(stop, history, entries.Where(e => !e.Record.Succeeded).ToList()), outcome.ScannedBytes);
    }

    /// <summary>A row back into the CloudTrail record it was read from, so the engine's parsers read it unchanged.</summary>
    private static TrailEvent? Event(IReadOnlyDictionary<string, string?> row)
    {
        var id = row.GetValueOrDefault("eventid");
        if (id is null || !DateTimeOffset.TryParse(row.GetValueOrDefault("eventtime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return null;
        }

        var record = new JsonObject
        {
            ["eventID"] = id,
            ["eventName"] = row.GetValueOrDefault("eventname"),
            ["eventTime"] = row.GetValueOrDefault("eventtime"),
            ["awsRegion"] = row.GetValueOrDefault("awsregion"),
            ["sourceIPAddress"] = row.GetValueOrDefault("sourceipaddress"),
            ["userAgent"] = row.GetValueOrDefault("useragent"),
            ["errorCode"] = row.GetValueOrDefault("errorcode"),
            ["errorMessage"] = row.GetValueOrDefault("errormessage"),
            ["sessionCredentialFromConsole"] = row.GetValueOrDefault("sessioncredentialfromconsole"),
            ["requestParameters"] = Json(row.GetValueOrDefault("requestparameters")),
            ["responseElements"] = Json(row.GetValueOrDefault("responseelements")),
            ["serviceEventDetails"] = Json(row.GetValueOrDefault("serviceeventdetails")),
            ["userIdentity"] = new JsonObject
            {
                ["type"] = row.GetValueOrDefault("identity_type"),
                ["principalId"] = row.GetValueOrDefault("principal_id"),
                ["arn"] = row.GetValueOrDefault("identity_arn"),
                ["accountId"] = row.GetValueOrDefault("identity_account"),
                ["accessKeyId"] = row.GetValueOrDefault("access_key_id"),
                ["userName"] = row.GetValueOrDefault("user_name"),
                ["invokedBy"] = row.GetValueOrDefault("invoked_by"),
                ["sessionContext"] = new JsonObject
                {
                    ["sourceIdentity"] = row.GetValueOrDefault("source_identity"),
                    ["sessionIssuer"] = new JsonObject
                    {
                        ["type"] = row.GetValueOrDefault("issuer_type"),
                        ["arn"] = row.GetValueOrDefault("issuer_arn"),
                        ["userName"] = row.GetValueOrDefault("issuer_name"),
                    },
                    ["attributes"] = new JsonObject
                    {
                        ["mfaAuthenticated"] = row.GetValueOrDefault("mfa_authenticated"),
                        ["creationDate"] = row.GetValueOrDefault("session_created"),
                    },
                },
            },
        };
        return new TrailEvent(id, row.GetValueOrDefault("eventname") ?? "", at, record.ToJsonString());
    }

    // Athena returns the JSON columns as text; an unreadable one is treated as absent rather than failing the row.
    private static JsonNode? Json(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <param name="ScannedBytes">What the Athena query scanned (and is billed by).</param>
public sealed record ArchivedTrail(EventTrail Trail, long ScannedBytes);
