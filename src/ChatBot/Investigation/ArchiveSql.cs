using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatBot.Investigation;

/// <summary>The one query the archive runs. Every value in it is checked against its strict form first: the instance ID
/// (the only text a user supplies), the account ID, the region and the table; dates are written by us.</summary>
public static partial class ArchiveSql
{
    /// <summary>Events of these names are the ones the engine reasons about.</summary>
    private const string StateChanges = "'StartInstances', 'StopInstances', 'RebootInstances', 'TerminateInstances', 'BidEvictedEvent'";

    /// <summary>The query for one instance's state changes, restricted to the table's account, region and date partitions.</summary>
    /// <exception cref="ArgumentException">A value is not of its form; nothing has been sent anywhere.</exception>
    public static string For(string table, string accountId, string region, string instanceId, DateOnly from, DateOnly to)
    {
        var id = InstanceId.Parse(instanceId) is { } parsed && parsed == instanceId
            ? parsed : throw new ArgumentException($"not an instance ID: {instanceId}", nameof(instanceId));
        var name = Table().IsMatch(table) ? table : throw new ArgumentException($"not db.table: {table}", nameof(table));
        var account = Account().IsMatch(accountId) ? accountId : throw new ArgumentException($"not an account ID: {accountId}", nameof(accountId));
        var where = RegionName.Parse(region) is { } r && r == region ? r : throw new ArgumentException($"not a region: {region}", nameof(region));
        if (to < from)
        {
            throw new ArgumentException("the date range ends before it starts", nameof(to));
        }

        return $"""
            SELECT eventid, eventname, eventtime, awsregion, sourceipaddress, useragent, errorcode, errormessage,
              requestparameters, responseelements, serviceeventdetails, sessioncredentialfromconsole,
              useridentity.type AS identity_type, useridentity.principalid AS principal_id, useridentity.arn AS identity_arn,
              useridentity.accountid AS identity_account, useridentity.accesskeyid AS access_key_id, useridentity.username AS user_name,
              useridentity.invokedby AS invoked_by, useridentity.sessioncontext.sourceidentity AS source_identity,
              useridentity.sessioncontext.sessionissuer.type AS issuer_type, useridentity.sessioncontext.sessionissuer.arn AS issuer_arn,
              useridentity.sessioncontext.sessionissuer.username AS issuer_name,
              useridentity.sessioncontext.attributes.mfaauthenticated AS mfa_authenticated,
              useridentity.sessioncontext.attributes.creationdate AS session_created
            FROM {name}
            WHERE account = '{account}' AND region = '{where}'
              AND "date" BETWEEN '{Day(from)}' AND '{Day(to)}'
              AND eventsource = 'ec2.amazonaws.com' AND eventname IN ({StateChanges})
              AND (strpos(requestparameters, '{id}') > 0 OR strpos(responseelements, '{id}') > 0 OR strpos(serviceeventdetails, '{id}') > 0)
            ORDER BY eventtime DESC
            LIMIT 200
            """;
    }

    // The partition projection's date format (yyyy/MM/dd), as the table DDL declares it.
    private static string Day(DateOnly day) => day.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9_]+\\.[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Table();

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Account();
}
