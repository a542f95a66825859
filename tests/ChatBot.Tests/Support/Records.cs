using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Support;

/// <summary>CloudTrail records shaped like the CloudTrail user guide's examples, for the cases the bot explains.</summary>
public static class Records
{
    public const string Account = "111122223333";

    public static JsonObject SsoConsoleStop(string instanceId, DateTimeOffset at, string email = "alice@example.com") => Ec2Call(
        "StopInstances", instanceId, at,
        Identity("AssumedRole", $"arn:aws:sts::{Account}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/{email}",
            issuerRole: "AWSReservedSSO_AdministratorAccess_0123456789abcdef", mfa: true),
        userAgent: "AWS Internal", sourceIp: "203.0.113.10");

    public static JsonObject IamUserCliStop(string instanceId, DateTimeOffset at, string user = "bob", params string[] others) => Ec2Call(
        "StopInstances", instanceId, at,
        new JsonObject
        {
            ["type"] = "IAMUser", ["principalId"] = "AIDAJ45Q7YFFAREXAMPLE", ["arn"] = $"arn:aws:iam::{Account}:user/{user}",
            ["accountId"] = Account, ["accessKeyId"] = "AKIAI44QH8DHBEXAMPLE", ["userName"] = user,
        },
        userAgent: "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#ec2.stop-instances",
        sourceIp: "198.51.100.7", others: others);

    public static JsonObject AssumedRoleStart(string instanceId, DateTimeOffset at, string role = "deploy", string session = "ci-run-42") => Ec2Call(
        "StartInstances", instanceId, at,
        Identity("AssumedRole", $"arn:aws:sts::{Account}:assumed-role/{role}/{session}", issuerRole: role, mfa: false),
        userAgent: "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.40.0 aws-sdk-go-v2/1.25.3",
        sourceIp: "192.0.2.44");

    public static JsonObject AutoScalingTerminate(string instanceId, DateTimeOffset at) => Ec2Call(
        "TerminateInstances", instanceId, at,
        Identity("AssumedRole", $"arn:aws:sts::{Account}:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling",
            issuerRole: "AWSServiceRoleForAutoScaling", mfa: false, invokedBy: "autoscaling.amazonaws.com"),
        userAgent: "autoscaling.amazonaws.com", sourceIp: "autoscaling.amazonaws.com");

    public static JsonObject DeniedStop(string instanceId, DateTimeOffset at, string user = "mallory")
    {
        var record = IamUserCliStop(instanceId, at, user);
        record["errorCode"] = "Client.UnauthorizedOperation";
        record["errorMessage"] = "You are not authorized to perform this operation. Encoded authorization failure message: EXAMPLE";
        record["responseElements"] = null;
        return record;
    }

    public static JsonObject DryRunStop(string instanceId, DateTimeOffset at)
    {
        var record = IamUserCliStop(instanceId, at, "dry-runner");
        record["errorCode"] = "Client.DryRunOperation";
        record["errorMessage"] = "Request would have succeeded, but DryRun flag is set.";
        record["responseElements"] = null;
        return record;
    }

    public static JsonObject Identity(string type, string arn, string issuerRole, bool mfa, string? invokedBy = null)
    {
        var identity = new JsonObject
        {
            ["type"] = type, ["principalId"] = $"AROAEXAMPLEID:{arn.Split('/')[^1]}", ["arn"] = arn, ["accountId"] = Account,
            ["accessKeyId"] = "ASIAEXAMPLEKEY123456",
            ["sessionContext"] = new JsonObject
            {
                ["sessionIssuer"] = new JsonObject
                {
                    ["type"] = "Role", ["principalId"] = "AROAEXAMPLEID", ["arn"] = $"arn:aws:iam::{Account}:role/{issuerRole}",
                    ["accountId"] = Account, ["userName"] = issuerRole,
                },
                ["attributes"] = new JsonObject { ["creationDate"] = "2026-11-20T09:00:00Z", ["mfaAuthenticated"] = mfa ? "true" : "false" },
            },
        };
        if (invokedBy is not null)
        {
            identity["invokedBy"] = invokedBy;
        }

        return identity;
    }

    public static JsonObject Ec2Call(string eventName, string instanceId, DateTimeOffset at, JsonObject identity, string userAgent, string sourceIp, params string[] others)
    {
        string[] ids = [instanceId, .. others];
        return new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = identity,
            ["eventTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["eventSource"] = "ec2.amazonaws.com",
            ["eventName"] = eventName,
            ["awsRegion"] = "us-east-1",
            ["sourceIPAddress"] = sourceIp,
            ["userAgent"] = userAgent,
            ["requestParameters"] = new JsonObject
            {
                ["instancesSet"] = new JsonObject { ["items"] = new JsonArray([.. ids.Select(i => (JsonNode)new JsonObject { ["instanceId"] = i })]) },
                ["force"] = false,
            },
            ["responseElements"] = new JsonObject
            {
                ["requestId"] = Guid.NewGuid().ToString(),
                ["instancesSet"] = new JsonObject
                {
                    ["items"] = new JsonArray([.. ids.Select(i => (JsonNode)new JsonObject
                    {
                        ["instanceId"] = i,
                        ["currentState"] = new JsonObject { ["code"] = 64, ["name"] = "stopping" },
                        ["previousState"] = new JsonObject { ["code"] = 16, ["name"] = "running" },
                    })]),
                },
            },
            ["requestID"] = Guid.NewGuid().ToString(),
            ["eventID"] = Guid.NewGuid().ToString(),
            ["readOnly"] = false,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = Account,
            ["eventCategory"] = "Management",
        };
    }

    public static string Text(JsonObject record) => record.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
