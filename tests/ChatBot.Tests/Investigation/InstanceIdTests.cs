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
}
