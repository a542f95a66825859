using ChatBot.Slack.Handlers;
using ChatBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack;

/// <summary>Whatever way a payload came in, the dispatcher applies the allow-lists and answers an event once.</summary>
public sealed class SlackDispatcherTests : IDisposable
{
    private readonly TestApp app = TestApp.Bare("Development", new Dictionary<string, string?> { ["WHOSTOPPED_ALLOWED_CHANNELS"] = "C0ALLOWED" });

    private SlackDispatcher Dispatcher => app.Services.GetRequiredService<SlackDispatcher>();

    public void Dispose() => app.Dispose();

    [Fact]
    public void A_command_from_a_channel_not_on_the_allow_list_is_refused_without_reaching_its_handler()
    {
        var ack = Dispatcher.Command(Command("/whostopped", "i-0da88f3e7eb2ce37e", "C0ELSEWHERE"));

        Assert.Equal(CommandOutcome.NotAllowed, ack.Outcome);
        Assert.Contains("not enabled", ack.Text);
    }

    [Fact]
    public void An_unknown_command_is_named_back()
    {
        var ack = Dispatcher.Command(Command("/nope", "", "C0ALLOWED"));

        Assert.Equal(CommandOutcome.UnknownCommand, ack.Outcome);
        Assert.Contains("/nope", ack.Text);
    }

    [Fact]
    public async Task An_event_delivered_twice_is_handled_once_and_one_from_elsewhere_is_ignored()
    {
        var first = await Dispatcher.EventAsync(Mention("EvTWICE", "C0ALLOWED"), CancellationToken.None);
        var again = await Dispatcher.EventAsync(Mention("EvTWICE", "C0ALLOWED"), CancellationToken.None);
        var elsewhere = await Dispatcher.EventAsync(Mention("EvOTHER", "C0ELSEWHERE"), CancellationToken.None);

        Assert.Equal([EventOutcome.Handled, EventOutcome.Duplicate, EventOutcome.Ignored], [first, again, elsewhere]);
    }

    private static SlashCommand Command(string name, string text, string channel) =>
        new(name, text, "T0TEAM", channel, "U0ALICE", "https://sandbox.invalid/response");

    private static EventEnvelope Mention(string eventId, string channel) => new(EventEnvelope.EventCallback)
    {
        TeamId = "T0TEAM",
        EventId = eventId,
        Event = new SlackEvent(ConversationQuestionHandler.AppMention) { User = "U0ALICE", Text = "hello", Ts = "1.1", Channel = channel },
    };
}
