using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Work;

/// <summary>Work taken on after Slack has had its acknowledgement. Enqueueing never waits: when the queue is full the
/// caller tells the asker the bot is busy. Short notices (such as that one, for events) have a small lane of their
/// own so that a full work queue cannot silence them.</summary>
public sealed class SlackBacklog(IOptions<SlackOptions> options)
{
    public const int NoticeCapacity = 64;

    private readonly Channel<SlackJob> work = Channel.CreateBounded<SlackJob>(options.Value.QueueCapacity);
    private readonly Channel<SlackJob> notices = Channel.CreateBounded<SlackJob>(NoticeCapacity);

    public bool TryEnqueue(SlackJob job) => work.Writer.TryWrite(job);

    public bool TryEnqueueNotice(SlackJob job) => notices.Writer.TryWrite(job);

    internal ChannelReader<SlackJob> Work => work.Reader;

    internal ChannelReader<SlackJob> Notices => notices.Reader;

    /// <summary>Stops taking work; what is queued still runs.</summary>
    internal void Complete()
    {
        work.Writer.TryComplete();
        notices.Writer.TryComplete();
    }
}

/// <param name="Name">For logs: what kind of work this is, never its content.</param>
public sealed record SlackJob(string Name, Func<CancellationToken, Task> RunAsync);
