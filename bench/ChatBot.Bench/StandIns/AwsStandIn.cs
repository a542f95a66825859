using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatBot.Bench.StandIns;

/// <summary>One call as AWS would have received it; times are <see cref="BenchClock"/> milliseconds.</summary>
/// <param name="Account">The account the call was for: the role's for temporary credentials; null outside an organisation.</param>
/// <param name="Problem">Why AWS would have refused its signature or session token (and the stand-in did); null when it would not.</param>
public sealed record AwsCall(
    string Action, string Region, string? InstanceId, double StartMs, double EndMs, bool Throttled,
    string? Account = null, bool Temporary = false, string? Problem = null);

/// <param name="EnforceLimits">Refuse calls over AWS's own per-region limits (<see cref="AwsLimits"/>).</param>
/// <param name="Organization">Member accounts behind STS; null for the single account of the other scenarios.</param>
/// <param name="InstanceAccounts">With an organisation, the account each instance lives in (in <see cref="InstanceRegion"/>).</param>
public sealed record AwsBehaviour(
    int LatencyMs, double ThrottleRate, IReadOnlyList<string> Regions, string InstanceRegion, bool EnforceLimits = false,
    OrganizationStandIn? Organization = null, IReadOnlyDictionary<string, string>? InstanceAccounts = null);

/// <summary>EC2 and CloudTrail (and, with an organisation, STS) behind one endpoint (the bot's AWS_ENDPOINT_URL). As on
/// real AWS, the region is the one the request was signed for, read from the credential scope of its SigV4
/// Authorization header, and the account is the one whose keys signed it.</summary>
public sealed partial class AwsStandIn(AwsBehaviour behaviour)
{
    public const string LookupEvents = "LookupEvents";
    public const string DescribeInstances = "DescribeInstances";
    public const string DescribeRegions = "DescribeRegions";

    private const string LookupEventsTarget = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    private const string JsonType = "application/x-amz-json-1.1";
    private const string XmlType = "text/xml;charset=UTF-8";

    public Recorder<AwsCall> Calls { get; } = new();

    private readonly AwsLimits limits = new();

    public async Task HandleAsync(HttpContext context)
    {
        var started = BenchClock.NowMs;
        var body = await StandInHost.ReadBodyAsync(context.Request);
        var region = Scope().Match(context.Request.Headers.Authorization.ToString()) is { Success: true } m ? m.Groups["region"].Value : "unsigned";
        if (behaviour.Organization is { } org && OrganizationStandIn.IsSts(body))
        {
            var (action, account, xml) = org.Sts(body);
            await AnswerTimeAsync(started, context.RequestAborted);
            await StandInHost.WriteAsync(context.Response, 200, XmlType, xml);
            Calls.Add(new AwsCall(action, region, null, started, BenchClock.NowMs, false, account));
            return;
        }

        var caller = behaviour.Organization?.Identify(context.Request, body);
        var reply = context.Request.Headers["X-Amz-Target"] == LookupEventsTarget ? Lookup(region, body, caller?.Account) : Ec2(region, body, caller?.Account);
        if (caller?.Problem is { } refused)
        {
            reply = reply with { Status = 403, ContentType = XmlType, Body = AwsAnswers.AuthFailure(refused) };
        }

        // AWS refuses a call over its limit on arrival; the stand-in then answers after its usual latency.
        if (behaviour.EnforceLimits && reply.Status == 200 && limits.Refuses(reply.Action, region, started))
        {
            reply = reply.Action == LookupEvents
                ? reply with { Status = 400, ContentType = JsonType, Body = AwsAnswers.Throttling }
                : reply with { Status = 503, Body = AwsAnswers.RequestLimitExceeded };
        }

        await AnswerTimeAsync(started, context.RequestAborted);
        await StandInHost.WriteAsync(context.Response, reply.Status, reply.ContentType, reply.Body);
        Calls.Add(new AwsCall(reply.Action, region, reply.InstanceId, started, BenchClock.NowMs, reply.Status is 400 or 503 && reply.Action != "",
            caller?.Account, caller?.Temporary == true, caller?.Problem));
    }

    /// <summary>AWS's latency counts from the request's arrival: the stand-in's own work on it (reading, verifying the
    /// signature, a busy bench process) is part of that latency, not added to it.</summary>
    private Task AnswerTimeAsync(double started, CancellationToken ct)
    {
        var left = behaviour.LatencyMs - (BenchClock.NowMs - started);
        return left > 0 ? Task.Delay(TimeSpan.FromMilliseconds(left), ct) : Task.CompletedTask;
    }

    /// <summary>Where the instance lives: the configured region and, in an organisation, its own account.</summary>
    private bool LivesIn(string? instanceId, string region, string? account) => instanceId is not null && region == behaviour.InstanceRegion
        && (behaviour.InstanceAccounts is not { } accounts || accounts.GetValueOrDefault(instanceId) == account);

    private Reply Lookup(string region, string body, string? account)
    {
        using var request = JsonDocument.Parse(body);
        var instanceId = request.RootElement.GetProperty("LookupAttributes")[0].GetProperty("AttributeValue").GetString();
        // CloudTrail throttles with a 400 whose __type names the exception.
#pragma warning disable CA5394 // Fault injection, not security: any uniform draw will do.
        if (Random.Shared.NextDouble() < behaviour.ThrottleRate)
#pragma warning restore CA5394
        {
            return new Reply(LookupEvents, instanceId, 400, JsonType, AwsAnswers.Throttling);
        }

        var page = LivesIn(instanceId, region, account) ? AwsAnswers.StopPage(region, instanceId!) : AwsAnswers.EmptyPage;
        return new Reply(LookupEvents, instanceId, 200, JsonType, page);
    }

    private Reply Ec2(string region, string body, string? account)
    {
        var form = QueryHelpers.ParseQuery(body);
        var action = form.TryGetValue("Action", out var a) ? a.ToString() : "";
        switch (action)
        {
            case DescribeRegions:
                return new Reply(action, null, 200, XmlType, AwsAnswers.Regions(behaviour.Regions));
            case DescribeInstances:
                // The bot asks with an instance-id filter; InstanceId.N is accepted too.
                var ids = form.Where(p => p.Key.StartsWith("Filter.1.Value.", StringComparison.Ordinal) || p.Key.StartsWith("InstanceId.", StringComparison.Ordinal))
                    .Select(p => p.Value.ToString()).ToList();
                var here = ids.Where(id => LivesIn(id, region, account)).ToList();
                return new Reply(action, ids.FirstOrDefault(), 200, XmlType, AwsAnswers.Instances(region, here));
            default:
                return new Reply(action, null, 400, XmlType,
                    $"<Response><Errors><Error><Code>InvalidAction</Code><Message>The bench stand-in does not know {action}</Message></Error></Errors><RequestID>bench</RequestID></Response>");
        }
    }

    [GeneratedRegex(@"Credential=[^/,]+/\d{8}/(?<region>[^/]+)/[^/]+/aws4_request")]
    private static partial Regex Scope();

    private sealed record Reply(string Action, string? InstanceId, int Status, string ContentType, string Body);
}
