using ChatBot.Slack.Rechecks;

namespace ChatBot.Tests.Slack.Rechecks;

/// <summary>The in-memory store keeps the contract a shared one must keep: due order, leases that lapse, claims that
/// lose to a later one, and a bound.</summary>
public sealed class PendingRechecksTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly CancellationToken None = CancellationToken.None;

    private static PendingRecheck Entry(string id) => new(id, "i-0aaaabbbbcccc0001", "default", "eu-west-1", "C0CHAN", "1.1", "1.1", null, Now);

    [Fact]
    public async Task Entries_are_claimed_in_due_order_and_only_once_due()
    {
        var store = new InMemoryPendingRechecks();
        await store.TryAddAsync(Entry("late"), Now.AddMinutes(2), None);
        await store.TryAddAsync(Entry("early"), Now.AddMinutes(1), None);

        Assert.Null(await store.ClaimNextDueAsync(Now, Lease, None));
        Assert.Equal("early", (await store.ClaimNextDueAsync(Now.AddMinutes(3), Lease, None))!.Entry.Id);
        Assert.Equal("late", (await store.ClaimNextDueAsync(Now.AddMinutes(3), Lease, None))!.Entry.Id);
        Assert.Null(await store.ClaimNextDueAsync(Now.AddMinutes(3), Lease, None));
    }

    [Fact]
    public async Task A_lapsed_lease_lets_another_claim_take_the_entry_and_the_first_claim_can_no_longer_finish_it()
    {
        var store = new InMemoryPendingRechecks();
        await store.TryAddAsync(Entry("a"), Now, None);
        var first = (await store.ClaimNextDueAsync(Now, Lease, None))!;

        Assert.Null(await store.ClaimAsync("a", Now.AddMinutes(1), Lease, None));
        var second = (await store.ClaimNextDueAsync(Now + Lease, Lease, None))!;

        Assert.False(await store.CompleteAsync(first, None));
        Assert.False(await store.RescheduleAsync(first, first.Entry with { Checks = 1 }, Now.AddMinutes(5), None));
        Assert.True(await store.RescheduleAsync(second, second.Entry with { Checks = 1 }, Now.AddMinutes(5), None));
        var third = (await store.ClaimNextDueAsync(Now.AddMinutes(5), Lease, None))!;
        Assert.Equal(1, third.Entry.Checks);
        Assert.True(await store.CompleteAsync(third, None));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Claiming_by_ID_takes_an_entry_before_it_is_due()
    {
        var store = new InMemoryPendingRechecks();
        await store.TryAddAsync(Entry("a"), Now.AddMinutes(15), None);

        Assert.NotNull(await store.ClaimAsync("a", Now, Lease, None));
        Assert.Null(await store.ClaimAsync("missing", Now, Lease, None));
    }

    [Fact]
    public async Task The_store_holds_at_most_1000_entries()
    {
        var store = new InMemoryPendingRechecks();
        for (var i = 0; i < InMemoryPendingRechecks.DefaultCapacity; i++)
        {
            Assert.True(await store.TryAddAsync(Entry($"e{i}"), Now, None));
        }

        Assert.Equal(1000, InMemoryPendingRechecks.DefaultCapacity);
        Assert.False(await store.TryAddAsync(Entry("one-too-many"), Now, None));
        var lease = (await store.ClaimAsync("e0", Now, Lease, None))!;
        await store.CompleteAsync(lease, None);
        Assert.True(await store.TryAddAsync(Entry("room-again"), Now, None));
    }

    [Fact]
    public async Task Entries_are_found_by_the_instance_they_watch()
    {
        var store = new InMemoryPendingRechecks();
        await store.TryAddAsync(Entry("a"), Now, None);
        await store.TryAddAsync(Entry("b") with { Account = "prod" }, Now, None);

        Assert.Equal(["a"], await store.WatchingAsync("default", "i-0aaaabbbbcccc0001", None));
    }

    [Fact]
    public void A_sealed_response_url_opens_only_in_the_process_that_sealed_it_and_not_after_discard()
    {
        var seal = new InMemoryResponseUrlSeal();
        var handle = seal.Seal("https://hooks.slack.com/commands/T0/1/secret");

        Assert.DoesNotContain("secret", handle, StringComparison.Ordinal);
        Assert.Equal("https://hooks.slack.com/commands/T0/1/secret", seal.Open(handle));
        Assert.Null(new InMemoryResponseUrlSeal().Open(handle));
        seal.Discard(handle);
        Assert.Null(seal.Open(handle));
    }
}
