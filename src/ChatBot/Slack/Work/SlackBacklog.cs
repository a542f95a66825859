using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Work;

/// <summary>Work taken on after Slack has had its acknowledgement. Enqueueing never waits: when the queue is full the
/// caller tells the asker the bot is busy. Short notices (such as that one, for events) have a small lane of their
/// own so that a full work queue cannot silence them.</summary>
public sealed class SlackBacklog(IOptions<SlackOptions> options)
{
    /// <summary>Loops posting notices: a burst of "busy" replies must not wait on one post at a time.</summary>
    public const int NoticeWorkers = 8;

    private readonly Channel<SlackJob> work = Channel.CreateBounded<SlackJob>(options.Value.QueueCapacity);

    // A notice is a few hundred bytes, so the lane can be far deeper than the work queue: a burst that overflows the
    // queue must still find room here, or the asker hears nothing. Past this, events are refused for Slack to redeliver.
    private readonly Channel<SlackJob> notices = Channel.CreateBounded<SlackJob>(NoticeCapacity(options.Value.QueueCapacity));

    public static int NoticeCapacity(int queueCapacity) => Math.Max(1024, 4 * queueCapacity);

    public bool TryEnqueue(SlackJob job) => work.Writer.TryWrite(job);

    public bool TryEnqueueNotice(SlackJob job) => notices.Writer.TryWrite(job);

    internal ChannelReader<SlackJob> Work => work.Reader;

    internal ChannelReader<SlackJob> Notices => notices.Reader;

    /// <summary>Stops taking work; what is queued is still run, or abandoned with a notice (see <see cref="SlackWorker"/>).</summary>
    internal void Complete()
    {
        work.Writer.TryComplete();
        notices.Writer.TryComplete();
    }
}

/// <param name="Name">For logs: what kind of work this is, never its content.</param>
/// <param name="AbandonAsync">Tells the asker the work will not be done (the bot is restarting). It must be a single
/// short post: shutdown runs it with a brief timeout of its own.</param>
public sealed record SlackJob(string Name, Func<CancellationToken, Task> RunAsync, Func<CancellationToken, Task> AbandonAsync)
{
    /// <summary>When the question arrived, so time to answer includes the wait in the queue.</summary>
    public long CreatedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>A one-line reply is as short as any notice about it, so when abandoned it is simply sent.</summary>
    public static SlackJob Notice(string name, Func<CancellationToken, Task> sayAsync) => new(name, sayAsync, sayAsync);
}
