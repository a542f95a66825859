using ChatBot.Investigation;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Inbound;

namespace ChatBot.Tests.Slack;

public class QuestionTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("help")]
    [InlineData("HELP")]
    public void Empty_or_help_asks_for_usage(string text) => Assert.IsType<HelpWanted>(QuestionText.ParseCommand(text));

    [Fact]
    public void Reads_several_ids_separated_by_spaces_or_commas_once_each_in_lower_case()
    {
        var question = Assert.IsType<AskedQuestion>(QuestionText.ParseCommand("i-0123456789ABCDEF0, i-0fedcba9876543210 i-0123456789abcdef0 i-12345678"));
        Assert.Equal(["i-0123456789abcdef0", "i-0fedcba9876543210", "i-12345678"], question.InstanceIds);
        Assert.Null(question.Region);
    }

    [Theory]
    [InlineData("i-0123456789abcdef0 us-east-1", "us-east-1")]
    [InlineData("i-0123456789abcdef0 region=eu-west-1", "eu-west-1")]
    [InlineData("i-0123456789abcdef0 us-gov-west-1", "us-gov-west-1")]
    [InlineData("i-0123456789abcdef0 AP-SOUTHEAST-2", "ap-southeast-2")]
    public void Takes_a_region_token(string text, string region)
    {
        var question = Assert.IsType<AskedQuestion>(QuestionText.ParseCommand(text));
        Assert.Equal(region, question.Region);
    }

    [Fact]
    public void A_malformed_id_is_named_with_the_expected_form()
    {
        var question = Assert.IsType<NotInstanceIds>(QuestionText.ParseCommand("i-0123456789abcdef0 i-xyz"));
        Assert.Equal(["i-xyz"], question.Tokens);
        Assert.Contains("`i-xyz`", Refusal(question));
        Assert.Contains(InstanceId.ExpectedForm, Refusal(question));
    }

    [Fact]
    public void An_unknown_word_is_named_escaped()
    {
        var problem = Refusal(QuestionText.ParseCommand("i-0123456789abcdef0 <!channel>"));
        Assert.Contains("`&lt;!channel&gt;`", problem);
    }

    [Fact]
    public void Two_regions_are_refused() =>
        Assert.Equal(["us-east-1", "eu-west-1"], Assert.IsType<SeveralRegions>(QuestionText.ParseCommand("i-0123456789abcdef0 us-east-1 eu-west-1")).Regions);

    [Fact]
    public void Too_many_ids_are_refused()
    {
        var ids = string.Join(" ", Enumerable.Range(0, QuestionText.MaxInstances + 1).Select(i => $"i-{i:x17}"));
        Assert.Contains("at most 50", Refusal(QuestionText.ParseCommand(ids)));
    }

    [Fact]
    public void A_mention_finds_ids_and_a_region_anywhere_in_the_sentence()
    {
        var question = Assert.IsType<AskedQuestion>(QuestionText.ParseConversation("<@U0BOT> who stopped i-0123456789abcdef0 and i-0fedcba9876543210 in eu-west-1?"));
        Assert.Equal(["i-0123456789abcdef0", "i-0fedcba9876543210"], question.InstanceIds);
        Assert.Equal("eu-west-1", question.Region);
    }

    [Fact]
    public void A_mention_without_any_id_wants_usage() =>
        Assert.IsType<HelpWanted>(QuestionText.ParseConversation("<@U0BOT> who stopped the database?"));

    [Fact]
    public void A_mention_with_only_a_malformed_id_names_it() =>
        Assert.Equal(["i-0abc"], Assert.IsType<NotInstanceIds>(QuestionText.ParseConversation("<@U0BOT> who stopped i-0abc?")).Tokens);

    private static string Refusal(ParsedQuestion question) => Replies.Refusal(question, Replies.Usage);
}
