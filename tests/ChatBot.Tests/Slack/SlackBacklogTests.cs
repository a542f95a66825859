using ChatBot.Slack;
using ChatBot.Slack.Work;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Slack;

public sealed class SlackBacklogTests
{
    [Fact]
    public async Task The_backlog_holds_questions_and_notices_as_data_that_can_be_counted_and_read_back()
    {
        var backlog = new SlackBacklog(Options.Create(new SlackOptions { QueueCapacity = 2 }), new NoWorkJournal());
        var target = new AnswerTarget("C0INCIDENT", "1.1", ResponseUrl: null);
        var question = new QuestionJob("app_mention", target, ["i-0123456789abcdef0"], "eu-west-1");

        Assert.True(backlog.TryEnqueue(question));
        Assert.True(backlog.TryEnqueue(question with { InstanceIds = ["i-0fedcba9876543210"] }));
        Assert.False(backlog.TryEnqueue(question));
        var notice = new NoticeJob("app_mention notice", target, "busy");
        Assert.True(backlog.TryEnqueueNotice(notice));

        Assert.Equal((2, 1), (backlog.Waiting, backlog.NoticesWaiting));
        Assert.Equal(question, await backlog.Work.ReadAsync());
        Assert.Equal(notice, await backlog.Notices.ReadAsync());
    }
}
