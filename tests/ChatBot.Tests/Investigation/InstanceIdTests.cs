using ChatBot.Investigation;

namespace ChatBot.Tests.Investigation;

public sealed class InstanceIdTests
{
    [Theory]
    [InlineData("i-0123456789abcdef0", true)]
    [InlineData("i-1a2b3c4d", true)]
    [InlineData("i-0123456789abcdef", false)]
    [InlineData("i-0123456789abcdefg", false)]
    [InlineData("i-12345", false)]
    [InlineData("vol-0123456789abcdef0", false)]
    [InlineData("", false)]
    public void Accepts_only_eight_or_seventeen_hex_digits(string token, bool valid) => Assert.Equal(valid, InstanceId.IsValid(token));

    [Fact]
    public void Finds_every_id_in_free_text_once()
    {
        var ids = InstanceId.FindAll("<@U123> who stopped i-0123456789abcdef0 and I-1A2B3C4D? also i-0123456789abcdef0.");

        Assert.Equal(["i-0123456789abcdef0", "i-1a2b3c4d"], ids);
    }

    [Fact]
    public void Reports_tokens_that_try_to_be_ids_but_are_not()
    {
        Assert.Equal(["i-12345", "i-0123456789abcdefz"], InstanceId.FindMalformed("i-12345 i-0123456789abcdefz i-1a2b3c4d"));
    }

    [Theory]
    [InlineData("eu-west-1", "eu-west-1")]
    [InlineData("US-GOV-WEST-1", "us-gov-west-1")]
    [InlineData("ap-southeast-2", "ap-southeast-2")]
    [InlineData("eu-west", null)]
    [InlineData("region=eu-west-1", null)]
    [InlineData("i-0123456789abcdef0", null)]
    public void A_region_name_is_read_in_lower_case_and_anything_else_is_not_one(string token, string? region) =>
        Assert.Equal(region, RegionName.Parse(token));

    [Fact]
    public void An_id_is_read_in_lower_case() => Assert.Equal("i-0123456789abcdef0", InstanceId.Parse("I-0123456789ABCDEF0"));
}
