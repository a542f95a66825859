using System.Text.Json.Nodes;
using ChatBot.Feed;
using ChatBot.Feed.Queue;

namespace ChatBot.Sandbox;

/// <summary>The page's "stop it" button: the two EventBridge events a real stop sends (EC2's state change first, then
/// CloudTrail's StopInstances a moment later), handed to the same <see cref="FeedHandler"/> the SQS consumer feeds. The
/// alert appears on the first and is edited in place when the second names who stopped it.</summary>
internal static class SandboxFeed
{
    /// <summary>Who the simulated stop is by: the person at the page, as an SSO user in the console.</summary>
    internal const string Stopper = "you@example.com";

    /// <summary>Long enough to see the alert before it is edited.</summary>
    private static readonly TimeSpan CloudTrailLag = TimeSpan.FromSeconds(2);

    public static void MapSandboxFeed(this IEndpointRouteBuilder app) => app.MapPost("/sandbox/feed-stop", Stop);

    private static IResult Stop(StopRequest request, SampleAccount sample, FeedHandler feed, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        if (sample.Instances.FirstOrDefault(i => i.Instance.InstanceId == request.InstanceId) is not { } picked)
        {
            return Results.NotFound(new { error = "Not one of the sample instances." });
        }

        var accountId = sample.Accounts.FirstOrDefault(a => a.Name == picked.Account)?.Id ?? sample.AccountId;
        var stop = new SimulatedStop(picked.Instance.InstanceId, picked.Instance.Region, accountId, time.GetUtcNow(), Guid.NewGuid());
        // The page does not wait: the events arrive as the queue would deliver them, and the page polls the channel.
        _ = DeliverAsync(feed, stop, time, lifetime.ApplicationStopping);
        return Results.Accepted();
    }

    private static async Task DeliverAsync(FeedHandler feed, SimulatedStop stop, TimeProvider time, CancellationToken stopping)
    {
        try
        {
            await feed.HandleAsync(Message(stop.StateChange()), stopping).ConfigureAwait(false);
            await Task.Delay(CloudTrailLag, time, stopping).ConfigureAwait(false);
            await feed.HandleAsync(Message(stop.ApiCall()), stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The sandbox is shutting down: nothing is waiting for the rest.
        }
    }

    private static QueuedMessage Message(string body) => new(Guid.NewGuid().ToString(), "sandbox", body, ReceiveCount: 1);

    internal sealed record StopRequest(string? InstanceId);

    private sealed record SimulatedStop(string InstanceId, string Region, string AccountId, DateTimeOffset At, Guid EventId)
    {
        private string Time => FeedEnvelope.Time(At);

        public string StateChange() => Envelope(FeedEvent.StateChangeType, new JsonObject
        {
            ["instance-id"] = InstanceId, ["state"] = "stopping",
        }, [FeedEnvelope.InstanceArn(Region, AccountId, InstanceId)]);

        public string ApiCall() => Envelope(FeedEvent.ApiCallType, new JsonObject
        {
            ["eventVersion"] = "1.10",
            ["userIdentity"] = new JsonObject
            {
                ["type"] = "AssumedRole",
                ["principalId"] = $"AROAZEXAMPLESANDBOX01:{Stopper}",
                ["arn"] = $"arn:aws:sts::{AccountId}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/{Stopper}",
                ["accountId"] = AccountId,
                ["sessionContext"] = new JsonObject
                {
                    ["sessionIssuer"] = new JsonObject
                    {
                        ["type"] = "Role", ["accountId"] = AccountId, ["userName"] = "AWSReservedSSO_AdministratorAccess_0123456789abcdef",
                        ["arn"] = $"arn:aws:iam::{AccountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef",
                    },
                    ["attributes"] = new JsonObject { ["creationDate"] = Time, ["mfaAuthenticated"] = "false" },
                },
            },
            ["eventTime"] = Time, ["eventSource"] = "ec2.amazonaws.com", ["eventName"] = "StopInstances", ["awsRegion"] = Region,
            ["sourceIPAddress"] = "203.0.113.50", ["userAgent"] = "AWS Internal",
            ["requestParameters"] = new JsonObject
            {
                ["instancesSet"] = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["instanceId"] = InstanceId }) }, ["force"] = false,
            },
            ["eventID"] = EventId.ToString(), ["readOnly"] = false, ["eventType"] = "AwsApiCall", ["managementEvent"] = true,
            ["recipientAccountId"] = AccountId, ["eventCategory"] = "Management", ["sessionCredentialFromConsole"] = "true",
        }, []);

        // EventBridge names the instance in resources for EC2's own events, and none for a CloudTrail call.
        private string Envelope(string detailType, JsonObject detail, string[] resources) =>
            FeedEnvelope.Write(detailType, AccountId, Region, Time, detail, resources);
    }
}
