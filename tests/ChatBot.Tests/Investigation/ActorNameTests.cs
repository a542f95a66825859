using System.Text.Json.Nodes;
using ChatBot.Investigation;

namespace ChatBot.Tests.Investigation;

public sealed class ActorNameTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 10, 3, 12, TimeSpan.Zero);

    private static Actor Of(JsonObject record) => ActorName.From(TrailRecord.Parse(Records.Text(record))!);

    [Fact]
    public void Identity_center_user_is_named_by_session_email_with_permission_set()
    {
        var actor = Of(Records.SsoConsoleStop("i-0123456789abcdef0", At, "alice@example.com"));

        Assert.Equal("alice@example.com", actor.DisplayName);
        Assert.Equal("sso-user", actor.Type);
        Assert.Contains("AdministratorAccess", actor.Detail);
        Assert.True(actor.Mfa);
        Assert.Equal("ASIAEXAMPLEKEY123456", actor.AccessKeyId);
    }

    [Fact]
    public void Source_identity_wins_over_the_session_name()
    {
        var record = Records.AssumedRoleStart("i-0123456789abcdef0", At, "ops-admin", "botocore-session-1700000000");
        record["userIdentity"]!["sessionContext"]!["sourceIdentity"] = "carol@example.com";

        var actor = Of(record);

        Assert.Equal("carol@example.com", actor.DisplayName);
        Assert.Equal("assumed-role", actor.Type);
        Assert.Equal("role ops-admin", actor.Detail);
    }

    [Fact]
    public void Other_assumed_roles_give_session_and_role_names()
    {
        var actor = Of(Records.AssumedRoleStart("i-0123456789abcdef0", At, "deploy", "ci-run-42"));

        Assert.Equal("ci-run-42", actor.DisplayName);
        Assert.Equal("role deploy", actor.Detail);
        Assert.False(actor.Mfa);
    }

    [Fact]
    public void Iam_user_is_named_by_user_name()
    {
        var actor = Of(Records.IamUserCliStop("i-0123456789abcdef0", At, "bob"));

        Assert.Equal("bob", actor.DisplayName);
        Assert.Equal("iam-user", actor.Type);
        Assert.Equal("arn:aws:iam::111122223333:user/bob", actor.Arn);
        Assert.Equal("AKIAI44QH8DHBEXAMPLE", actor.AccessKeyId);
        Assert.Null(actor.Mfa);
    }

    [Fact]
    public void Root_is_the_accounts_root_user()
    {
        var record = Records.IamUserCliStop("i-0123456789abcdef0", At);
        record["userIdentity"] = new JsonObject
        {
            ["type"] = "Root", ["principalId"] = Records.Account, ["arn"] = $"arn:aws:iam::{Records.Account}:root",
            ["accountId"] = Records.Account, ["accessKeyId"] = "ASIAROOTEXAMPLE",
        };

        var actor = Of(record);

        Assert.Equal("the root user of account 111122223333", actor.DisplayName);
        Assert.Equal("root", actor.Type);
    }

    [Fact]
    public void Service_invoking_through_its_linked_role_is_named_as_the_service()
    {
        var actor = Of(Records.AutoScalingTerminate("i-0123456789abcdef0", At));

        Assert.Equal("Auto Scaling", actor.DisplayName);
        Assert.Equal("aws-service", actor.Type);
    }

    [Fact]
    public void Aws_service_identity_is_named_as_the_service()
    {
        var record = Records.AutoScalingTerminate("i-0123456789abcdef0", At);
        record["userIdentity"] = new JsonObject { ["type"] = "AWSService", ["invokedBy"] = "ec2.amazonaws.com" };

        Assert.Equal("EC2", Of(record).DisplayName);
    }

    [Fact]
    public void Console_calls_marked_aws_internal_stay_with_the_person()
    {
        var record = Records.SsoConsoleStop("i-0123456789abcdef0", At, "dave@example.com");
        record["userIdentity"]!["invokedBy"] = "AWS Internal";

        Assert.Equal("dave@example.com", Of(record).DisplayName);
    }

    [Fact]
    public void Federated_user_is_named_by_federated_session()
    {
        var record = Records.IamUserCliStop("i-0123456789abcdef0", At);
        record["userIdentity"] = new JsonObject
        {
            ["type"] = "FederatedUser", ["principalId"] = $"{Records.Account}:erin", ["arn"] = $"arn:aws:sts::{Records.Account}:federated-user/erin",
            ["accountId"] = Records.Account,
        };

        Assert.Equal("erin", Of(record).DisplayName);
    }

    [Fact]
    public void A_record_with_odd_instance_entries_still_parses()
    {
        var record = TrailRecord.Parse("""{"eventName":"StopInstances","requestParameters":{"instancesSet":{"items":[{"instanceId":42},{"instanceId":null},{"instanceId":"i-0123456789abcdef0"}]}}}""");

        Assert.Equal(["i-0123456789abcdef0"], record!.InstanceIds);
    }
}
