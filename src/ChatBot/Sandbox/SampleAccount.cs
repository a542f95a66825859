using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Aws;
using ChatBot.Aws.CloudTrail;
using ChatBot.Aws.Ec2;
using ChatBot.Investigation;

namespace ChatBot.Sandbox;

/// <summary>The sandbox's sample AWS account, read from the data file shipped inside the app.
/// The file stores times as "minutes before start-up" so that every event stays inside CloudTrail's
/// 90-day lookup window however old the build is.</summary>
public sealed partial class SampleAccount
{
    internal const string ResourceName = "ChatBot.Sandbox.sample-account.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SampleAccount(
        string accountId, IReadOnlyList<AwsAccount> accounts, IReadOnlyList<string> regions, IReadOnlyList<SampleInstance> instances,
        IReadOnlyList<string> unknownInstanceIds, IReadOnlyList<SampleEvent> events)
    {
        AccountId = accountId;
        Accounts = accounts;
        Regions = regions;
        Instances = instances;
        UnknownInstanceIds = unknownInstanceIds;
        Events = events;
    }

    public string AccountId { get; }
    /// <summary>The sample organisation: its accounts, read with no role (the sandbox calls no STS).</summary>
    public IReadOnlyList<AwsAccount> Accounts { get; }
    public IReadOnlyList<string> Regions { get; }
    public IReadOnlyList<SampleInstance> Instances { get; }
    /// <summary>IDs that exist nowhere in the account, listed on the page so the "not found" answer can be tried.</summary>
    public IReadOnlyList<string> UnknownInstanceIds { get; }
    public IReadOnlyList<SampleEvent> Events { get; }

    public static SampleAccount Load(DateTimeOffset now)
    {
        using var stream = typeof(SampleAccount).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The sandbox data {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), now);
    }

    internal static SampleAccount Parse(string template, DateTimeOffset now)
    {
        // Whole seconds, as CloudTrail and EC2 report them.
        var startUp = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var text = Placeholder().Replace(template, m => RenderTime(startUp, m));
        var file = JsonSerializer.Deserialize<SampleFile>(text, Json)
            ?? throw new InvalidOperationException("The sandbox data file is empty.");
        var accounts = file.Accounts.Select(a => new AwsAccount(a.Alias) { Alias = a.Alias, Id = a.Id }).ToList();
        var instances = file.Instances.Select(i => new SampleInstance(
            i.Deserialize<Ec2Instance>(Json)!,
            i.TryGetProperty("story", out var story) ? story.GetString() ?? "" : "")
        {
            Account = i.TryGetProperty("account", out var account) ? account.GetString()! : accounts[0].Name,
        }).ToList();
        var events = file.Events.Select(e => ToEvent(e, accounts)).ToList();
        return new SampleAccount(file.AccountId, accounts, file.Regions, instances, file.UnknownInstanceIds, events);
    }

    private static SampleEvent ToEvent(JsonElement record, List<AwsAccount> accounts)
    {
        var raw = record.GetRawText();
        var trailEvent = new TrailEvent(
            record.GetProperty("eventID").GetString()!,
            record.GetProperty("eventName").GetString()!,
            DateTimeOffset.Parse(record.GetProperty("eventTime").GetString()!, CultureInfo.InvariantCulture),
            raw);
        // LookupEvents matches a ResourceName against the resources CloudTrail extracted from the record;
        // every instance ID the record mentions is the sandbox's stand-in for that list.
        var recipient = record.GetProperty("recipientAccountId").GetString();
        var account = accounts.FirstOrDefault(a => a.Id == recipient) ?? accounts[0];
        return new SampleEvent(trailEvent, record.GetProperty("awsRegion").GetString()!, InstanceId.FindAll(raw)) { Account = account.Name };
    }

    private static string RenderTime(DateTimeOffset startUp, Match m)
    {
        var minutes = double.Parse(m.Groups["minutes"].Value, CultureInfo.InvariantCulture);
        var format = m.Groups["format"].Success ? m.Groups["format"].Value : "yyyy-MM-dd'T'HH:mm:ss'Z'";
        return startUp.AddMinutes(-minutes).UtcDateTime.ToString(format, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\{\{(?<minutes>\d+(?:\.\d+)?)(?:\|(?<format>[^}]+))?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private sealed record SampleFileAccount(string Alias, string Id);

    private sealed record SampleFile(
        string AccountId, IReadOnlyList<SampleFileAccount> Accounts, IReadOnlyList<string> Regions, IReadOnlyList<string> UnknownInstanceIds,
        IReadOnlyList<JsonElement> Instances, IReadOnlyList<JsonElement> Events);
}

/// <param name="Story">What the instance shows off, for the page's list of things to try.</param>
public sealed record SampleInstance(Ec2Instance Instance, string Story)
{
    /// <summary>The <see cref="AwsAccount.Name"/> of the account it lives in.</summary>
    public string Account { get; init; } = "";
}

/// <param name="InstanceIds">The instances the record names, which LookupEvents' ResourceName matches.</param>
public sealed record SampleEvent(TrailEvent Event, string Region, IReadOnlyList<string> InstanceIds)
{
    /// <summary>The <see cref="AwsAccount.Name"/> of the account whose CloudTrail has it (its recipientAccountId).</summary>
    public string Account { get; init; } = "";
}
