using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Aws.Athena;

/// <summary>Where the trail's S3 logs can be queried with Athena. Unset table: no archive, answers stop at 90 days.</summary>
public sealed class AthenaOptions
{
    /// <summary>The CloudTrail table as <c>db.table</c> (manifest/athena-cloudtrail-table.sql creates one).</summary>
    [ConfigurationKeyName("WHOSTOPPED_ATHENA_TABLE")]
    [RegularExpression("^[A-Za-z0-9_]+\\.[A-Za-z0-9_]+$", ErrorMessage = "WHOSTOPPED_ATHENA_TABLE must be db.table (letters, digits, underscores).")]
    public string? Table { get; set; }

    [ConfigurationKeyName("WHOSTOPPED_ATHENA_WORKGROUP")]
    [RegularExpression("^[A-Za-z0-9._-]{1,128}$", ErrorMessage = "WHOSTOPPED_ATHENA_WORKGROUP must be a workgroup name (letters, digits, . _ -).")]
    public string WorkGroup { get; set; } = "primary";

    /// <summary>Optional when the workgroup sets its own results location.</summary>
    [ConfigurationKeyName("WHOSTOPPED_ATHENA_OUTPUT")]
    [RegularExpression("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$", ErrorMessage = "WHOSTOPPED_ATHENA_OUTPUT must be an s3://bucket/prefix/ location.")]
    public string? Output { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(Table);

    public string Database => Table?.Split('.')[0] ?? "";
}
