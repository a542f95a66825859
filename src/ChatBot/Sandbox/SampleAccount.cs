using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
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
        string accountId, IReadOnlyList<string> regions, IReadOnlyList<SampleInstance> instances,
        IReadOnlyList<string> unknownInstanceIds, IReadOnlyList<SampleEvent> events)
    {
        AccountId = accountId;
        Regions = regions;
        Instances = instances;
        UnknownInstanceIds = unknownInstanceIds;
        Events = events;
    }

    public string AccountId { get; }
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
        var instances = file.Instances.Select(i => new SampleInstance(
            i.Deserialize<Ec2Instance>(Json)!,
            i.TryGetProperty("story", out var story) ? story.GetString() ?? "" : "")).ToList();
        var events = file.Events.Select(ToEvent).ToList();
        return new SampleAccount(file.AccountId, file.Regions, instances, file.UnknownInstanceIds, events);
    }

    private static SampleEvent ToEvent(JsonElement record)
    {
        var raw = record.GetRawText();
        var trailEvent = new TrailEvent(
            record.GetProperty("eventID").GetString()!,
            record.GetProperty("eventName").GetString()!,
            DateTimeOffset.Parse(record.GetProperty("eventTime").GetString()!, CultureInfo.InvariantCulture),
            raw);
        // LookupEvents matches a ResourceName against the resources CloudTrail extracted from the record;
        // every instance ID the record mentions is the sandbox's stand-in for that list.
        return new SampleEvent(trailEvent, record.GetProperty("awsRegion").GetString()!, InstanceId.FindAll(raw));
    }

    private static string RenderTime(DateTimeOffset startUp, Match m)
    {
        var minutes = double.Parse(m.Groups["minutes"].Value, CultureInfo.InvariantCulture);
        var format = m.Groups["format"].Success ? m.Groups["format"].Value : "yyyy-MM-dd'T'HH:mm:ss'Z'";
        return startUp.AddMinutes(-minutes).UtcDateTime.ToString(format, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\{\{(?<minutes>\d+(?:\.\d+)?)(?:\|(?<format>[^}]+))?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private sealed record SampleFile(
        string AccountId, IReadOnlyList<string> Regions, IReadOnlyList<string> UnknownInstanceIds,
        IReadOnlyList<JsonElement> Instances, IReadOnlyList<JsonElement> Events);
}

/// <param name="Story">What the instance shows off, for the page's list of things to try.</param>
public sealed record SampleInstance(Ec2Instance Instance, string Story);

/// <param name="InstanceIds">The instances the record names, which LookupEvents' ResourceName matches.</param>
public sealed record SampleEvent(TrailEvent Event, string Region, IReadOnlyList<string> InstanceIds);
