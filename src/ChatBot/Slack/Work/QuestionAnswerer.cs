using ChatBot.Aws;
using ChatBot.Investigation;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Api;

namespace ChatBot.Slack.Work;

/// <summary>The background half of a question: investigate, render, post. Runs on the work queue, never in a request.</summary>
public sealed class QuestionAnswerer(IInvestigator investigator, ISlackApi slack, ILogger<QuestionAnswerer> log)
{
    /// <summary>Slack accepts at most five messages through one response_url.</summary>
    public const int MaxResponseUrlMessages = 5;

    public async Task AnswerAsync(AnswerTarget target, IReadOnlyList<string> instanceIds, string? region, CancellationToken cancellationToken)
    {
        IReadOnlyList<Finding> findings;
        try
        {
            findings = await investigator.InvestigateAsync(new Question(AwsAccount.Default, instanceIds, region), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Investigating {Count} instance(s) failed", instanceIds.Count);
            await SayAsync(target, Replies.Failed(instanceIds), cancellationToken);
            return;
        }

        var answers = findings.Select(SlackAnswer.Render).ToList();
        for (var i = 0; i < answers.Count; i++)
        {
            var summary = await slack.PostMessageAsync(target.Channel, answers[i].Summary, target.ThreadTs, cancellationToken);
            if (summary.CannotReachChannel && target.ResponseUrl is { } responseUrl)
            {
                await RespondAsync(responseUrl, answers.Skip(i), cancellationToken);
                return;
            }

            if ((target.ThreadTs ?? summary.Ts) is not { } threadTs)
            {
                continue;
            }

            foreach (var reply in answers[i].Thread)
            {
                await slack.PostMessageAsync(target.Channel, reply, threadTs, cancellationToken);
            }
        }
    }

    /// <summary>One short line where the question was asked: usage, busy, failure.</summary>
    public async Task SayAsync(AnswerTarget target, string text, CancellationToken cancellationToken)
    {
        var message = Replies.AsMessage(text);
        var result = await slack.PostMessageAsync(target.Channel, message, target.ThreadTs, cancellationToken);
        if (result.CannotReachChannel && target.ResponseUrl is { } responseUrl)
        {
            await slack.RespondAsync(responseUrl, message, cancellationToken);
        }
    }

    /// <summary>Without a way into the channel, threads are impossible: the summaries go out packed together.</summary>
    private async Task RespondAsync(string responseUrl, IEnumerable<SlackAnswerMessages> answers, CancellationToken cancellationToken)
    {
        var summaries = answers.Select(a => a.Summary).Append(Replies.AsMessage(Replies.InviteForThreads));
        foreach (var message in SlackAnswer.Combine(summaries).Take(MaxResponseUrlMessages))
        {
            await slack.RespondAsync(responseUrl, message, cancellationToken);
        }
    }
}
