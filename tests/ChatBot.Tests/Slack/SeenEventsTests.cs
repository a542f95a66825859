using ChatBot.Slack.Handlers;
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
    public async Task A_claim_refuses_repeats_until_its_lease_lapses_and_once_handled_for_the_whole_window()
    {
        var clock = new FakeTimeProvider();
        var seen = new InMemorySeenEvents(clock);
        var lease = TimeSpan.FromSeconds(30);

        Assert.True(await seen.ClaimAsync("feed:a", lease, CancellationToken.None));
        Assert.False(await seen.ClaimAsync("feed:a", lease, CancellationToken.None));
        // Never confirmed, as when the replica handling it died: the delivery that comes back is handled.
        clock.Advance(lease);
        Assert.True(await seen.ClaimAsync("feed:a", lease, CancellationToken.None));

        await seen.HandledAsync("feed:a", CancellationToken.None);
        clock.Advance(InMemorySeenEvents.Memory - TimeSpan.FromSeconds(1));
        Assert.False(await seen.ClaimAsync("feed:a", lease, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await seen.ClaimAsync("feed:a", lease, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_event_let_exactly_one_through()
    {
        var seen = new InMemorySeenEvents(new FakeTimeProvider());
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => seen.FirstTimeAsync("Ev1", CancellationToken.None).AsTask())));
        Assert.Single(results, first => first);
    }

    [Fact]
    public async Task A_flood_of_distinct_ids_stays_within_the_cap_and_forgets_the_oldest_first()
    {
        var clock = new FakeTimeProvider();
        var seen = new InMemorySeenEvents(clock, capacity: 100);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(await seen.FirstTimeAsync($"Ev{i}", CancellationToken.None));
            Assert.InRange(seen.Count, 1, 100);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.False(await seen.FirstTimeAsync("Ev999", CancellationToken.None));
        Assert.False(await seen.FirstTimeAsync("Ev950", CancellationToken.None));
        Assert.True(await seen.FirstTimeAsync("Ev0", CancellationToken.None));
    }

    [Fact]
    public async Task Very_long_ids_are_kept_as_a_fixed_size_digest_and_still_answered_once()
    {
        var seen = new InMemorySeenEvents(new FakeTimeProvider());
        var first = "Ev" + new string('x', 60_000);
        var second = "Ev" + new string('x', 59_999) + "y";

        Assert.Equal(64, InMemorySeenEvents.KeyFor(first).Length);
        Assert.Equal("Ev0ABC123", InMemorySeenEvents.KeyFor("Ev0ABC123"));
        Assert.True(await seen.FirstTimeAsync(first, CancellationToken.None));
        Assert.False(await seen.FirstTimeAsync(first, CancellationToken.None));
        Assert.True(await seen.FirstTimeAsync(second, CancellationToken.None));
    }
}
