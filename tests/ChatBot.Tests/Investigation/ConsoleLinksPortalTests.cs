using ChatBot.Investigation;

namespace ChatBot.Tests.Investigation;

public sealed class ConsoleLinksPortalTests
{
    [Theory]
    [InlineData("https://d-9067642ac7.awsapps.com/start")]
    [InlineData("https://d-9067642ac7.awsapps.com/start/")]
    [InlineData("https://d-9067642ac7.awsapps.com/start/#/")]
    public void Shortcut_links_name_the_account_the_permission_set_and_the_encoded_destination(string startUrl)
    {
        var links = ConsoleLinks.For("eu-west-1", "i-0123456789abcdef0", "4f0c2b7e-9a1d-4c3e-b5f6-7a8b9c0d1e2f")
            .ThroughPortal(startUrl, "444455556666", "Read Only");

        Assert.Equal("https://d-9067642ac7.awsapps.com/start/#/console?account_id=444455556666&role_name=Read%20Only&destination="
            + "https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fec2%2Fhome%3Fregion%3Deu-west-1%23InstanceDetails%3AinstanceId%3Di-0123456789abcdef0",
            links.Instance);
        Assert.EndsWith("%2Fcloudtrailv2%2Fhome%3Fregion%3Deu-west-1%23%2Fevents%2F4f0c2b7e-9a1d-4c3e-b5f6-7a8b9c0d1e2f", links.Event);
    }

    [Fact]
    public void Without_a_console_link_there_is_no_shortcut()
    {
        Assert.Equal(new ConsoleLinks(null, null), ConsoleLinks.For(null, "i-0123456789abcdef0", null).ThroughPortal("https://x.awsapps.com/start", "444455556666", "ReadOnly"));
    }
}
