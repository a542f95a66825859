using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Aws;

public sealed class AccountsSettingsTests
{
    [Fact]
    public void Without_WHOSTOPPED_ACCOUNTS_the_bot_reads_only_its_own_account_as_before()
    {
        var directory = Directory(new AccountsOptions());

        Assert.Equal([AwsAccount.Default], directory.All);
        Assert.False(directory.AreMany);
        Assert.Null(AwsAccount.Default.RoleArn);
    }

    [Fact]
    public void An_ID_target_assumes_the_configured_role_name_in_that_account_and_a_role_ARN_is_taken_as_given()
    {
        var directory = Directory(new AccountsOptions
        {
            Accounts = " Prod=210987654321 , staging=arn:aws:iam::444455556666:role/ops/whostopped-staging",
            RoleName = "bot-reader",
        });

        var prod = directory.Find("PROD")!;
        Assert.Equal(("prod", "prod", "210987654321", "arn:aws:iam::210987654321:role/bot-reader"), (prod.Name, prod.Alias, prod.Id, prod.RoleArn));
        Assert.Same(prod, directory.Find("210987654321"));
        var staging = directory.Find("staging")!;
        Assert.Equal(("444455556666", "arn:aws:iam::444455556666:role/ops/whostopped-staging"), (staging.Id, staging.RoleArn));
        Assert.Null(directory.Find("dev"));
        Assert.Equal(["prod", "staging"], directory.Aliases);
    }

    [Fact]
    public void The_role_ARN_of_an_ID_target_is_in_the_home_region_s_partition()
    {
        var directory = new AccountDirectory(Options.Create(new AccountsOptions { Accounts = "cn=210987654321" }),
            Options.Create(new AwsOptions { Region = "cn-north-1" }));

        Assert.Equal("arn:aws-cn:iam::210987654321:role/whostopped-read", directory.Find("cn")!.RoleArn);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("prod=12345")]
    [InlineData("=210987654321")]
    [InlineData("prod=arn:aws:iam::2109876543:role/x")]
    [InlineData("prod=arn:aws:s3:::bucket")]
    [InlineData("210987654321=210987654321")]
    [InlineData("pr od=210987654321")]
    public void A_malformed_entry_is_named_with_the_variable(string entry)
    {
        var problems = AccountList.Problems(new AccountsOptions { Accounts = $"ok=111122223333,{entry}" });

        var problem = Assert.Single(problems);
        Assert.StartsWith($"WHOSTOPPED_ACCOUNTS: '{entry}' is not alias=target", problem);
    }

    [Fact]
    public void A_repeated_alias_or_account_is_named()
    {
        var problems = AccountList.Problems(new AccountsOptions { Accounts = "prod=111122223333,prod=444455556666,other=111122223333" });

        Assert.Equal(
            ["WHOSTOPPED_ACCOUNTS: 'prod=444455556666' repeats the alias 'prod'.", "WHOSTOPPED_ACCOUNTS: 'other=111122223333' repeats the account 111122223333 of 'prod'."],
            problems);
    }

    [Fact]
    public void Role_name_external_ID_and_SSO_settings_are_checked_naming_their_variables()
    {
        var problems = AccountList.Problems(new AccountsOptions
        {
            Accounts = "prod=111122223333", RoleName = "bad role", ExternalId = "x", SsoStartUrl = "https://example.awsapps.com/start",
        });

        Assert.Collection(problems,
            p => Assert.StartsWith("WHOSTOPPED_ROLE_NAME: 'bad role'", p),
            p => Assert.StartsWith("WHOSTOPPED_EXTERNAL_ID:", p),
            p => Assert.StartsWith("WHOSTOPPED_SSO_START_URL and WHOSTOPPED_SSO_ROLE_NAME go together", p));
    }

    [Fact]
    public void A_malformed_entry_stops_start_up_naming_the_variable_and_the_entry()
    {
        using var aws = new AwsStub();
        using var engine = TestApp.Engine(aws, new Dictionary<string, string?> { ["WHOSTOPPED_ACCOUNTS"] = "prod:210987654321" });

        var failure = Assert.Throws<OptionsValidationException>(() => engine.Services.GetRequiredService<IOptions<AccountsOptions>>().Value);

        Assert.Contains("WHOSTOPPED_ACCOUNTS: 'prod:210987654321' is not alias=target", failure.Message);
    }

    private static AccountDirectory Directory(AccountsOptions options) =>
        new(Options.Create(options), Options.Create(new AwsOptions { Region = "eu-west-1" }));
}
