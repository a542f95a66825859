using System.Text.Json;
using ChatBot.Slack.Inbound;

namespace ChatBot.Tests.Slack;

/// <summary>Messages shaped like the alarms other apps post: CloudWatch through Amazon Q, PagerDuty, Datadog.</summary>
public class MessageInstanceIdsTests
{
    private static IReadOnlyList<string> IdsIn(string json)
    {
        using var message = JsonDocument.Parse(json);
        return MessageInstanceIds.In(message.RootElement);
    }

    [Fact]
    public void Ids_in_the_text_are_found_in_order_once_each()
    {
        Assert.Equal(["i-0123456789abcdef0", "i-0fedcba9876543210"], IdsIn("""
            {"type":"message","text":"StatusCheckFailed on I-0123456789ABCDEF0 and i-0fedcba9876543210 (again i-0123456789abcdef0)"}
            """));
    }

    [Fact]
    public void Ids_in_section_context_and_rich_text_blocks_are_found()
    {
        Assert.Equal(["i-0aaaaaaaaaaaaaaa1", "i-0aaaaaaaaaaaaaaa2", "i-0aaaaaaaaaaaaaaa3", "i-0aaaaaaaaaaaaaaa4", "i-0aaaaaaaaaaaaaaa5"], IdsIn("""
            {"type":"message","subtype":"bot_message","bot_id":"B0AMAZONQ","text":"","blocks":[
              {"type":"section","text":{"type":"mrkdwn","text":"*ALARM* CPU high on `i-0aaaaaaaaaaaaaaa1`"},
               "fields":[{"type":"mrkdwn","text":"*InstanceId*\ni-0aaaaaaaaaaaaaaa2"}]},
              {"type":"context","elements":[{"type":"mrkdwn","text":"Also affected: i-0aaaaaaaaaaaaaaa3"}]},
              {"type":"rich_text","elements":[{"type":"rich_text_list","style":"bullet","elements":[
                {"type":"rich_text_section","elements":[{"type":"text","text":"host i-0aaaaaaaaaaaaaaa4"},
                  {"type":"link","url":"https://console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-0aaaaaaaaaaaaaaa5","text":"console"}]}]}]},
              {"type":"actions","block_id":"i-0bbbbbbbbbbbbbbb9","elements":[]}]}
            """));
    }

    [Fact]
    public void Ids_in_attachment_text_fields_fallback_and_blocks_are_found()
    {
        Assert.Equal(["i-0ccccccccccccccc1", "i-0ccccccccccccccc2", "i-0ccccccccccccccc3", "i-0ccccccccccccccc4"], IdsIn("""
            {"type":"message","bot_id":"B0PAGERDUTY","text":"","attachments":[
              {"fallback":"Triggered: disk full on i-0ccccccccccccccc2","color":"#d00",
               "text":"Incident #4711 on i-0ccccccccccccccc1",
               "fields":[{"title":"Instance","value":"i-0ccccccccccccccc3","short":true}],
               "blocks":[{"type":"section","text":{"type":"plain_text","text":"see i-0ccccccccccccccc4"}}]}]}
            """));
    }

    [Theory]
    [InlineData("""{"type":"message","text":"All clear, nothing stopped. i-123 is not an ID, nor ami-0123456789abcdef0"}""")]
    [InlineData("""{"type":"message","blocks":"not blocks","attachments":[null, 3, {"fields":"nope"}]}""")]
    [InlineData("""["not","a","message"]""")]
    public void A_message_without_ids_or_with_odd_shapes_gives_none(string json) => Assert.Empty(IdsIn(json));
}
