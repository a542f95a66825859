using ChatBot.Slack.Answers;

namespace ChatBot.Tests.Slack;

public class MrkdwnTests
{
    [Fact]
    public void Escapes_the_three_characters_Slack_parses() =>
        Assert.Equal("&lt;!channel&gt; &amp; &lt;@U123&gt;", Mrkdwn.Escape("<!channel> & <@U123>"));

    [Fact]
    public void Code_spans_cannot_be_closed_early_by_a_backtick() =>
        Assert.Equal("`a'b &lt;x&gt;`", Mrkdwn.Code("a`b <x>"));

    [Fact]
    public void Dates_are_Slack_date_tokens_with_a_UTC_fallback() =>
        Assert.Equal("<!date^1795168992^{date_short_pretty} at {time}|2026-11-20 10:03 UTC>",
            Mrkdwn.Date(SampleFindings.StopTime));

    [Fact]
    public void Short_text_is_left_alone() => Assert.Equal("abc", Mrkdwn.Fit("abc", 3));

    [Fact]
    public void Long_text_is_cut_to_the_limit_with_an_ellipsis()
    {
        var fitted = Mrkdwn.Fit(new string('a', 5000), 3000);
        Assert.Equal(3000, fitted.Length);
        Assert.EndsWith("…", fitted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Never_cuts_an_escape_entity_in_half(int offset)
    {
        var text = new string('a', 10 - offset) + Mrkdwn.Escape("&&&&&&&&");
        var fitted = Mrkdwn.Fit(text, 12);
        var body = fitted.TrimEnd('…');
        Assert.True(body.Length <= 11);
        Assert.Equal(body, Mrkdwn.Escape(System.Net.WebUtility.HtmlDecode(body)));
    }

    [Fact]
    public void Never_cuts_a_date_token_in_half()
    {
        var text = "stopped " + Mrkdwn.Date(SampleFindings.StopTime) + " by someone";
        var fitted = Mrkdwn.Fit(text, 30);
        Assert.Equal("stopped …", fitted);
    }

    [Fact]
    public void Never_cuts_a_surrogate_pair_in_half()
    {
        var fitted = Mrkdwn.Fit("ab🙂🙂🙂", 4);
        Assert.Equal("ab…", fitted);
    }
}
