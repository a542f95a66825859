using ChatBot.Aws;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Work;

/// <summary>Work taken on after Slack has had its acknowledgement. Enqueueing never waits: when the queue is full the
/// caller tells the asker the bot is busy. Short notices (such as that one, for events) have a small lane of their
/// own so that a full work queue cannot silence them.</summary>
public sealed class SlackBacklog(IOptions<SlackOptions> options, IWorkJournal journal)
{
    /// <summary>Loops posting notices: a burst of "busy" replies must not wait on one post at a time.</summary>
    public const int NoticeWorkers = 8;

    private readonly Channel<SlackJob> work = Channel.CreateBounded<SlackJob>(options.Value.QueueCapacity);

    // A notice is a few hundred bytes, so the lane can be far deeper than the work queue: a burst that overflows the
    // queue must still find room here, or the asker hears nothing. Past this, events are refused for Slack to redeliver.
    private readonly Channel<SlackJob> notices = Channel.CreateBounded<SlackJob>(NoticeCapacity(options.Value.QueueCapacity));

    public static int NoticeCapacity(int queueCapacity) => Math.Max(1024, 4 * queueCapacity);

    /// <summary>Queues the job, kept in the work journal until done; false when the queue is full.</summary>
    public bool TryEnqueue(SlackJob job)
    {
        var kept = journal.Keep(job);
        if (work.Writer.TryWrite(kept))
        {
            return true;
        }

        _ = journal.DoneAsync(kept, CancellationToken.None).AsTask();
        return false;
    }

    /// <summary>Room left in the work queue, for work taken over from another replica.</summary>
    public int Room => Math.Max(0, options.Value.QueueCapacity - work.Reader.Count);

    public bool TryEnqueueNotice(SlackJob job) => notices.Writer.TryWrite(job);

    /// <summary>Questions waiting for a worker.</summary>
    public int Waiting => work.Reader.Count;

    /// <summary>Notices waiting for a loop of their lane.</summary>
    public int NoticesWaiting => notices.Reader.Count;

    internal ChannelReader<SlackJob> Work => work.Reader;

    internal ChannelReader<SlackJob> Notices => notices.Reader;

    /// <summary>Stops taking work; what is queued is still run, or abandoned with a notice (see <see cref="SlackWorker"/>).</summary>
    internal void Complete()
    {
        work.Writer.TryComplete();
        notices.Writer.TryComplete();
    }
}

/// <summary>One piece of work on the backlog: data, so the queue can be counted and inspected; the worker has
/// <see cref="QuestionAnswerer"/> do it.</summary>
/// <param name="Name">For logs and metrics: what kind of work this is, never its content.</param>
public abstract record SlackJob(string Name, AnswerTarget Target)
{
    /// <summary>When the question arrived, so time to answer includes the wait in the queue.</summary>
    public long CreatedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>The job's name in the work journal (see <see cref="IWorkJournal"/>); null while it is not kept there.</summary>
    public string? Ticket { get; init; }
}

/// <summary>A question to answer in full, or, when shutdown cuts it off, to tell the asker to ask again.</summary>
/// <param name="Account">Named by the asker; null searches every account.</param>
/// <param name="AskedBy">The Slack user ID, for the log: member accounts' CloudTrail shows only the session "whostopped".</param>
public sealed record QuestionJob(
    string Name, AnswerTarget Target, IReadOnlyList<string> InstanceIds, string? Region, AwsAccount? Account = null, string? AskedBy = null)
    : SlackJob(Name, Target);

/// <summary><c>/whostopped doctor</c>: the trail checks, reported to the asker alone.</summary>
public sealed record DoctorJob(string Name, AnswerTarget Target) : SlackJob(Name, Target);

/// <summary>One short line where the question was asked (usage, busy): as short as any notice about it, so when
/// abandoned it is simply sent.</summary>
public sealed record NoticeJob(string Name, AnswerTarget Target, string Text) : SlackJob(Name, Target);

/// <summary>One short line that only the asker sees, through the target's response_url (a command's or a shortcut's).</summary>
public sealed record EphemeralNoticeJob(string Name, AnswerTarget Target, string Text) : SlackJob(Name, Target);
