using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Work;

/// <summary>Runs queued work on a fixed number of loops. On shutdown it stops taking work and drains the queue;
/// only if the host's shutdown timeout runs out are the remaining jobs cancelled.</summary>
public sealed class SlackWorker(SlackBacklog backlog, IOptions<SlackOptions> options, ILogger<SlackWorker> log) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource abort = new();
    private Task[] loops = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        loops = Enumerable.Range(0, options.Value.Workers)
            .Select(_ => Task.Run(() => DrainAsync(backlog.Work), CancellationToken.None))
            .Append(Task.Run(() => DrainAsync(backlog.Notices), CancellationToken.None))
            .ToArray();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        backlog.Complete();
        using var giveUp = cancellationToken.Register(abort.Cancel);
        await Task.WhenAll(loops);
    }

    public void Dispose() => abort.Dispose();

    private async Task DrainAsync(ChannelReader<SlackJob> reader)
    {
        await foreach (var job in reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await job.RunAsync(abort.Token);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                log.LogWarning("Shutdown timed out; {Job} was cancelled", job.Name);
            }
#pragma warning disable CA1031 // One failed job must not stop the loop that answers everyone else.
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogError(e, "{Job} failed", job.Name);
            }
        }
    }
}
