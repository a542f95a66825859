using ChatBot.Slack.Ingress;
using System.Text;
using ChatBot.Slack;

namespace ChatBot.Tests.Slack;

public class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_531_420_618);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&team_id=T1&command=%2Fwhostopped&text=i-0123456789abcdef0");

    [Fact]
    public void Matches_the_worked_example_in_Slacks_documentation()
    {
        var body = Encoding.UTF8.GetBytes("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignature.Sign(Secret, "1531420618", body));
    }

    [Fact]
    public void Accepts_a_fresh_correctly_signed_body()
    {
        var signature = SlackSignature.Sign(Secret, "1531420618", Body);
        Assert.True(SlackSignature.IsValid(Secret, "1531420618", signature, Body, Now.AddMinutes(4)));
    }

    [Fact]
    public void Refuses_a_signature_made_with_another_secret()
    {
        var signature = SlackSignature.Sign("another-secret", "1531420618", Body);
        Assert.False(SlackSignature.IsValid(Secret, "1531420618", signature, Body, Now));
    }

    [Fact]
    public void Refuses_a_body_changed_after_signing()
    {
        var signature = SlackSignature.Sign(Secret, "1531420618", Body);
        var changed = Encoding.UTF8.GetBytes("token=x&team_id=T1&command=%2Fwhostopped&text=i-0fedcba9876543210");
        Assert.False(SlackSignature.IsValid(Secret, "1531420618", signature, changed, Now));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void Refuses_timestamps_more_than_five_minutes_away(int minutes)
    {
        var timestamp = Now.AddMinutes(minutes).ToUnixTimeSeconds().ToString();
        var signature = SlackSignature.Sign(Secret, timestamp, Body);
        Assert.False(SlackSignature.IsValid(Secret, timestamp, signature, Body, Now));
    }

    [Theory]
    [InlineData(null, "v0=00")]
    [InlineData("1531420618", null)]
    [InlineData("not-a-number", "v0=00")]
    [InlineData("99999999999999999999", "v0=00")]
    public void Refuses_missing_or_garbled_headers(string? timestamp, string? signature) =>
        Assert.False(SlackSignature.IsValid(Secret, timestamp, signature, Body, Now));

    [Fact]
    public void Refuses_everything_when_no_secret_is_configured()
    {
        var signature = SlackSignature.Sign("", "1531420618", Body);
        Assert.False(SlackSignature.IsValid("", "1531420618", signature, Body, Now));
    }
}
