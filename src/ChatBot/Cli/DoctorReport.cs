using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Doctor;

namespace ChatBot.Cli;

/// <summary><c>whostopped doctor</c>'s output: a line per check with ✓, ⚠ or ✗ and the fix under it, or the JSON array.</summary>
public static class DoctorReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Mark(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "✓",
        CheckStatus.Warn => "⚠",
        _ => "✗",
    };

    public static string Text(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        foreach (var account in results.GroupBy(r => r.Account))
        {
            text.AppendLine($"account {account.Key.Name}");
            foreach (var r in account)
            {
                var region = r.Region is null ? "" : $" [{r.Region}]";
                text.AppendLine($"  {Mark(r.Status)} {r.Check,-19}{region} {r.Detail}");
                if (r.Fix is { } fix)
                {
                    text.AppendLine($"      fix: {fix}");
                }
            }

            text.AppendLine();
        }

        var failed = results.Count(r => r.Status == CheckStatus.Fail);
        var warned = results.Count(r => r.Status == CheckStatus.Warn);
        text.AppendLine($"{results.Count(r => r.Status == CheckStatus.Ok)} ok, {warned} warning{(warned == 1 ? "" : "s")}, {failed} failed");
        return text.ToString();
    }

    /// <summary>One object per check and account: <c>{account: {id, alias}, region, check, status, detail, fix}</c>.</summary>
    public static string JsonArray(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return JsonSerializer.Serialize(results.Select(r => new Line(new AccountRef(r.Account.Id, r.Account.Alias ?? r.Account.Name), r.Region, r.Check, r.Status, r.Detail, r.Fix)), Json);
    }

    private sealed record AccountRef(string? Id, string Alias);

    private sealed record Line(AccountRef Account, string? Region, string Check, CheckStatus Status, string Detail, string? Fix);
}
