using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Slack.Inbound;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Slack;

public sealed class AccountInTextTests
{
    private const string Id = "i-0123456789abcdef0";
    private static readonly AccountDirectory Accounts = new(
        Options.Create(new AccountsOptions { Accounts = "prod=210987654321,staging=444455556666" }), Options.Create(new AwsOptions()));

    [Theory]
    [InlineData($"who stopped {Id} in prod?", "prod")]
    [InlineData($"who stopped {Id} in PROD yesterday", "prod")]
    [InlineData($"who stopped {Id} in account staging", "staging")]
    [InlineData($"who stopped {Id}, account=444455556666?", "staging")]
    [InlineData($"{Id} 210987654321 eu-west-1", "prod")]
    public void A_mention_names_its_account_by_alias_or_ID(string text, string alias)
    {
        var question = Assert.IsType<AskedQuestion>(QuestionText.ParseConversation(text, Accounts));

        Assert.Equal(alias, question.Account?.Alias);
    }

    [Theory]
    [InlineData($"who stopped {Id} in eu-west-1?", "eu-west-1")]
    [InlineData($"who stopped {Id} in the night?", null)]
    [InlineData($"who stopped {Id}?", null)]
    public void Regions_and_conversation_are_not_accounts(string text, string? region)
    {
        var question = Assert.IsType<AskedQuestion>(QuestionText.ParseConversation(text, Accounts));

        Assert.Equal((null, region), (question.Account, question.Region));
    }

    [Theory]
    [InlineData($"who stopped {Id} in prdo?", "prdo")]
    [InlineData($"who stopped {Id} in account dev yesterday", "dev")]
    [InlineData($"who stopped {Id} in 999988887777", "999988887777")]
    public void An_account_the_bot_does_not_know_is_named_back_with_the_known_ones(string text, string token)
    {
        var unknown = Assert.IsType<UnknownAccount>(QuestionText.ParseConversation(text, Accounts));

        Assert.Equal(token, unknown.Token);
        Assert.Equal(["prod", "staging"], unknown.Known);
    }

    [Fact]
    public void A_command_takes_one_account_token_and_names_other_words_back()
    {
        Assert.Equal("staging", Assert.IsType<AskedQuestion>(QuestionText.ParseCommand($"{Id} staging", Accounts)).Account?.Alias);
        Assert.Equal("prod", Assert.IsType<AskedQuestion>(QuestionText.ParseCommand($"account=prod {Id}", Accounts)).Account?.Alias);
        Assert.Equal(["i-xyz"], Assert.IsType<NotInstanceIds>(QuestionText.ParseCommand($"{Id} prod i-xyz", Accounts)).Tokens);
        Assert.Equal("prdo", Assert.IsType<UnknownAccount>(QuestionText.ParseCommand($"{Id} prdo", Accounts)).Token);
    }

    [Fact]
    public void With_one_account_nothing_is_read_as_an_account()
    {
        var single = new AccountDirectory([]);

        Assert.Equal(["prod"], Assert.IsType<NotInstanceIds>(QuestionText.ParseCommand($"{Id} prod", single)).Tokens);
        Assert.Null(Assert.IsType<AskedQuestion>(QuestionText.ParseConversation($"who stopped {Id} in prod?", single)).Account);
    }
}
