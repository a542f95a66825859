using ChatBot.Investigation;

namespace ChatBot.Tests.Investigation;

public sealed class CallChannelTests
{
    [Theory]
    [InlineData("AWS Internal", null, "Console")]
    [InlineData("console.ec2.amazonaws.com", null, "Console")]
    [InlineData("aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0", null, "AWS CLI")]
    [InlineData("APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.40.0 aws-sdk-go-v2/1.25.3", null, "Terraform")]
    [InlineData("Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10 lang/python#3.12.2", null, "SDK (Python, Boto3)")]
    [InlineData("aws-sdk-java/1.12.600 Linux/5.10 OpenJDK_64-Bit_Server_VM/17", null, "SDK (Java)")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", null, "Console")]
    [InlineData("autoscaling.amazonaws.com", null, "Auto Scaling")]
    [InlineData("some-homegrown-tool/0.1", null, "other client")]
    [InlineData("aws-sdk-go-v2/1.25.3", "autoscaling.amazonaws.com", "Auto Scaling")]
    public void User_agent_tells_how_the_call_was_made(string userAgent, string? invokedBy, string expected) =>
        Assert.Equal(expected, CallChannel.From(userAgent, invokedBy));

    [Fact]
    public void Missing_user_agent_is_unknown() => Assert.Null(CallChannel.From(null, null));

    [Fact]
    public void Console_session_credentials_mean_the_console_whatever_the_user_agent()
    {
        var record = ChatBot.Investigation.TrailRecord.Parse(
            """{"eventName":"StopInstances","userAgent":"aws-sdk-java/1.12.720 Linux/5.10","sessionCredentialFromConsole":"true"}""")!;

        Assert.Equal("Console", CallChannel.From(record));
    }
}
