namespace ChatBot.Tests.Support;

/// <summary>Waits for background work (the bot answers after acknowledging) without fixed sleeps.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string? what = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting{(what is null ? "" : " for " + what)}");
            await Task.Delay(20);
        }
    }
}
