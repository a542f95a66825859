using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Aws.Ec2;

namespace ChatBot.Investigation;

/// <summary>One account and region of the fan-out that looks for instances everywhere at once.</summary>
public sealed partial class AccountSearch
{
    private async Task DescribeAtAsync(Location where, List<string> ids, FanOut fan, SemaphoreSlim gate, Search search)
    {
        try
        {
            await gate.WaitAsync(fan.Found.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            List<string> wanted;
            lock (fan)
            {
                wanted = [.. ids.Where(fan.Remaining.Contains)];
            }

            // Coalesced into one DescribeInstances per account and region, whose answer the Investigator then
            // reuses; a found instance's place is remembered on the way.
            var described = await Task.WhenAll(wanted.Select(id => regions.DescribeInAsync(where.Account, where.Region, id, fan.Found.Token)));
            if (described.Select(d => d.Error).FirstOrDefault(e => e is not null) is { } error)
            {
                throw error;
            }

            lock (fan)
            {
                foreach (var instance in described.Select(d => d.Value).OfType<Ec2Instance>().Where(i => fan.Remaining.Remove(i.InstanceId)))
                {
                    fan.Located[instance.InstanceId] = where;
                }

                if (fan.Remaining.Count == 0)
                {
                    fan.Done.TrySetResult();
                    // After the answer is under way, and off this thread: cancelling dozens of calls still in flight
                    // runs each one's callbacks, which would otherwise sit between finding the instance and CloudTrail.
                    _ = fan.Found.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (fan.Found.IsCancellationRequested)
        {
            // Found elsewhere (or out of time): this account and region no longer matter.
        }
        catch (Exception e)
        {
            search.Failed(where.Account, e, logger);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RoleOutcomeAsync(AwsAccount account, Search search)
    {
        try
        {
            await credentials.For(account).GetCredentialsAsync();
        }
        catch (RoleUnavailableException e)
        {
            search.Failed(account, e, logger);
        }
#pragma warning disable CA1031 // Any other trouble with the credentials shows in that account's EC2 call instead.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>One fan-out's shared state, locked as one: what is still sought, where the rest was found.</summary>
    private sealed record FanOut(HashSet<string> Remaining, Dictionary<string, Location> Located, CancellationTokenSource Found)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task AllFound => Done.Task;
    }
}
