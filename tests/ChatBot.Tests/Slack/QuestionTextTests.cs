using ChatBot.Investigation;
using ChatBot.Slack.Inbound;

namespace ChatBot.Tests.Slack;

public class QuestionTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("help")]
    [InlineData("HELP")]
    public void Empty_or_help_asks_for_usage(string text) => Assert.True(QuestionText.ParseCommand(text).WantsHelp);

    [Fact]
    public void Reads_several_ids_separated_by_spaces_or_commas_once_each_in_lower_case()
    {
        var question = QuestionText.ParseCommand("i-0123456789ABCDEF0, i-0fedcba9876543210 i-0123456789abcdef0 i-12345678");
        Assert.True(question.IsAnswerable);
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
        var question = QuestionText.ParseCommand(text);
        Assert.True(question.IsAnswerable);
        Assert.Equal(region, question.Region);
    }

    [Fact]
    public void A_malformed_id_is_named_with_the_expected_form()
    {
        var question = QuestionText.ParseCommand("i-0123456789abcdef0 i-xyz");
        Assert.False(question.IsAnswerable);
        Assert.Contains("`i-xyz`", question.Problem);
        Assert.Contains(InstanceId.ExpectedForm, question.Problem);
    }

    [Fact]
    public void An_unknown_word_is_named_escaped()
    {
        var problem = QuestionText.ParseCommand("i-0123456789abcdef0 <!channel>").Problem;
        Assert.Contains("`&lt;!channel&gt;`", problem);
    }

    [Fact]
    public void Two_regions_are_refused() =>
        Assert.Contains("One region at a time", QuestionText.ParseCommand("i-0123456789abcdef0 us-east-1 eu-west-1").Problem);

    [Fact]
    public void Too_many_ids_are_refused()
    {
        var ids = string.Join(" ", Enumerable.Range(0, QuestionText.MaxInstances + 1).Select(i => $"i-{i:x17}"));
        Assert.Contains("at most 50", QuestionText.ParseCommand(ids).Problem);
    }

    [Fact]
    public void A_mention_finds_ids_and_a_region_anywhere_in_the_sentence()
    {
        var question = QuestionText.ParseConversation("<@U0BOT> who stopped i-0123456789abcdef0 and i-0fedcba9876543210 in eu-west-1?");
        Assert.True(question.IsAnswerable);
        Assert.Equal(["i-0123456789abcdef0", "i-0fedcba9876543210"], question.InstanceIds);
        Assert.Equal("eu-west-1", question.Region);
    }

    [Fact]
    public void A_mention_without_any_id_wants_usage() =>
        Assert.True(QuestionText.ParseConversation("<@U0BOT> who stopped the database?").WantsHelp);

    [Fact]
    public void A_mention_with_only_a_malformed_id_names_it() =>
        Assert.Contains("`i-0abc`", QuestionText.ParseConversation("<@U0BOT> who stopped i-0abc?").Problem);
}
