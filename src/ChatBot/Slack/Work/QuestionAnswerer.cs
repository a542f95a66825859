using ChatBot.Aws;
using ChatBot.Aws.Accounts;
using ChatBot.Doctor;
using ChatBot.Investigation;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Api;
using ChatBot.Slack.Rechecks;

namespace ChatBot.Slack.Work;

/// <summary>The background half of a question: investigate, render, post. Runs on the work queue, never in a request.</summary>
public sealed class QuestionAnswerer(
    IInvestigator investigator, TrailDoctor doctor, AccountDirectory accounts, ISlackApi slack, SlackUsers users, AnswerWatch watch,
    ILogger<QuestionAnswerer> log)
{
    /// <summary>Slack accepts at most five messages through one response_url.</summary>
    public const int MaxResponseUrlMessages = 5;

    /// <summary>Does the job: answers the question, or says the notice.</summary>
    public Task RunAsync(SlackJob job, CancellationToken cancellationToken) => job switch
    {
        QuestionJob question => AnswerAsync(question, cancellationToken),
        NoticeJob notice => SayAsync(notice.Target, notice.Text, cancellationToken),
        EphemeralNoticeJob { Target.ResponseUrl: { } responseUrl } whisper =>
            slack.RespondAsync(responseUrl, Replies.AsMessage(whisper.Text), ResponseVisibility.Ephemeral, cancellationToken),
        EphemeralNoticeJob whisper => SayAsync(whisper.Target, whisper.Text, cancellationToken),
        DoctorJob check => DoctorAsync(check.Target, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(job), job.GetType().Name, "Not a kind of work the answerer knows."),
    };

    /// <summary>Tells the asker the job will not be done (the bot is restarting), in a single short post: shutdown runs
    /// it with a brief timeout of its own.</summary>
    public Task AbandonAsync(SlackJob job, CancellationToken cancellationToken) => job switch
    {
        QuestionJob question => TellRestartingAsync(question.Target, question.InstanceIds, cancellationToken),
        DoctorJob check when check.Target.ResponseUrl is { } responseUrl =>
            slack.RespondAsync(responseUrl, Replies.AsMessage(Replies.RestartingDoctor), ResponseVisibility.Ephemeral, cancellationToken),
        _ => RunAsync(job, cancellationToken),
    };

    private async Task AnswerAsync(QuestionJob question, CancellationToken cancellationToken)
    {
        var (target, instanceIds) = (question.Target, question.InstanceIds);
        var account = question.Account ?? AwsAccount.Default;
        log.LogInformation("{Handler} from Slack user {SlackUser}: {InstanceIds} in account {Account}",
            question.Name, question.AskedBy, string.Join(' ', instanceIds), account.Name);
        IReadOnlyList<Finding> findings;
        try
        {
            findings = await investigator.InvestigateAsync(new Question(account, instanceIds, question.Region), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Investigating {Count} instance(s) failed", instanceIds.Count);
            await SayAsync(target, Replies.Failed(instanceIds), cancellationToken);
            return;
        }

        var mentions = await users.MentionsAsync(findings, cancellationToken);
        var answers = findings.Select(f => SlackAnswer.Render(f, mentions)).ToList();
        var watches = await WatchAsync(findings, answers, account, target, cancellationToken);
        for (var i = 0; i < answers.Count; i++)
        {
            var summary = await slack.PostMessageAsync(target.Channel, answers[i].Summary, target.ThreadTs, cancellationToken);
            if (summary.NeedsResponseUrl)
            {
                // Every further post would fail the same way; only a command's response_url can still answer.
                if (target.ResponseUrl is { } responseUrl)
                {
                    await RespondAsync(responseUrl, answers.Skip(i), summary.TokenRefused ? Replies.TokenRefused : Replies.InviteForThreads, cancellationToken);
                }

                // Those answers cannot be edited: their updates go through the response_url, or nowhere.
                foreach (var waiting in watches.Skip(i).OfType<PendingRecheck>())
                {
                    await (target.ResponseUrl is null ? watch.CancelAsync(waiting, cancellationToken) : watch.PostedAsync(waiting, null, null, cancellationToken));
                }

                return;
            }

            var threadTs = target.ThreadTs ?? summary.Ts;
            if (watches[i] is { } pending)
            {
                await (summary.Ok ? watch.PostedAsync(pending, summary.Ts, threadTs, cancellationToken) : watch.CancelAsync(pending, cancellationToken));
            }

            if (threadTs is null)
            {
                continue;
            }

            foreach (var reply in answers[i].Thread)
            {
                await slack.PostMessageAsync(target.Channel, reply, threadTs, cancellationToken);
            }
        }
    }

    /// <summary>Answers still waiting for CloudTrail are watched, and their summaries say so and carry "Check again";
    /// when the watch list is full they promise nothing.</summary>
    private async Task<PendingRecheck?[]> WatchAsync(
        IReadOnlyList<Finding> findings, List<SlackAnswerMessages> answers, AwsAccount account, AnswerTarget target, CancellationToken cancellationToken)
    {
        var watches = new PendingRecheck?[findings.Count];
        for (var i = 0; i < findings.Count; i++)
        {
            watches[i] = await watch.StartAsync(findings[i], account, target.Channel, target.ThreadTs, target.ResponseUrl, cancellationToken);
            if (watches[i] is { } pending)
            {
                answers[i] = answers[i] with { Summary = RecheckNotes.Watching(answers[i].Summary, pending.Id, findings[i].InstanceId, RecheckSchedule.WatchFor) };
            }
        }

        return watches;
    }

    private async Task DoctorAsync(AnswerTarget target, CancellationToken cancellationToken)
    {
        if (target.ResponseUrl is not { } responseUrl)
        {
            return;
        }

        var results = await doctor.CheckAsync(accounts.All, cancellationToken);
        await slack.RespondAsync(responseUrl, DoctorReply.Render(results), ResponseVisibility.Ephemeral, cancellationToken);
    }

    private async Task SayAsync(AnswerTarget target, string text, CancellationToken cancellationToken)
    {
        var message = Replies.AsMessage(text);
        var result = await slack.PostMessageAsync(target.Channel, message, target.ThreadTs, cancellationToken);
        if (result.NeedsResponseUrl && target.ResponseUrl is { } responseUrl)
        {
            await slack.RespondAsync(responseUrl, message, ResponseVisibility.InChannel, cancellationToken);
        }
    }

    /// <summary>A command's asker alone saw the question acknowledged, so only they hear that it must be asked again;
    /// a mention or DM gets the notice where it was asked. One post either way, so the notice is never doubled.</summary>
    private Task TellRestartingAsync(AnswerTarget target, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken) =>
        target.ResponseUrl is { } responseUrl
            ? slack.RespondAsync(responseUrl, Replies.AsMessage(Replies.Restarting(instanceIds)), ResponseVisibility.Ephemeral, cancellationToken)
            : SayAsync(target, Replies.Restarting(instanceIds), cancellationToken);

    /// <summary>Without a way into the channel, threads are impossible: the summaries go out packed together.</summary>
    private async Task RespondAsync(string responseUrl, IEnumerable<SlackAnswerMessages> answers, string why, CancellationToken cancellationToken)
    {
        var summaries = answers.Select(a => a.Summary).Append(Replies.AsMessage(why));
        foreach (var message in SlackAnswer.Combine(summaries).Take(MaxResponseUrlMessages))
        {
            await slack.RespondAsync(responseUrl, message, ResponseVisibility.InChannel, cancellationToken);
        }
    }
}
