namespace ChatBot.Slack.Work;

/// <summary>Acknowledged work kept outside this process while it waits or runs, so that another replica finishes it
/// when this one dies: Slack never redelivers what was acknowledged. The default keeps nothing, and the backlog lives
/// and dies with its process.</summary>
public interface IWorkJournal
{
    /// <summary>Keeps a job about to be queued here, as this replica's. A job taken over from another replica already
    /// has its <see cref="SlackJob.Ticket"/> and is only adopted. Never waits: an acknowledgement must not.</summary>
    /// <returns>The job as queued, with its ticket when it is kept.</returns>
    SlackJob Keep(SlackJob job);

    /// <summary>The job is over (answered, failed, or its asker told to ask again): nobody must run it again.</summary>
    ValueTask DoneAsync(SlackJob job, CancellationToken cancellationToken);
}

/// <summary>Keeps nothing: without shared state, work dies with its replica, whose shutdown tells its askers.</summary>
public sealed class NoWorkJournal : IWorkJournal
{
    public SlackJob Keep(SlackJob job) => job;

    public ValueTask DoneAsync(SlackJob job, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
