using ChatBot.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Slack;

public class SeenEventsTests
{
    [Fact]
    public async Task An_event_id_is_new_once_and_seen_on_every_retry()
    {
        var seen = new InMemorySeenEvents(new FakeTimeProvider());
        Assert.True(await seen.FirstTimeAsync("Ev1", CancellationToken.None));
        Assert.False(await seen.FirstTimeAsync("Ev1", CancellationToken.None));
        Assert.False(await seen.FirstTimeAsync("Ev1", CancellationToken.None));
        Assert.True(await seen.FirstTimeAsync("Ev2", CancellationToken.None));
    }

    [Fact]
    public async Task An_event_id_is_forgotten_after_the_memory_window()
    {
        var clock = new FakeTimeProvider();
        var seen = new InMemorySeenEvents(clock);
        Assert.True(await seen.FirstTimeAsync("Ev1", CancellationToken.None));
        clock.Advance(InMemorySeenEvents.Memory - TimeSpan.FromSeconds(1));
        Assert.False(await seen.FirstTimeAsync("Ev1", CancellationToken.None));
        clock.Advance(InMemorySeenEvents.Memory + TimeSpan.FromMinutes(2));
        Assert.True(await seen.FirstTimeAsync("Ev1", CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_event_let_exactly_one_through()
    {
        var seen = new InMemorySeenEvents(new FakeTimeProvider());
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => seen.FirstTimeAsync("Ev1", CancellationToken.None).AsTask())));
        Assert.Single(results, first => first);
    }
}
