using ChatBot.Bench.Load;
using ChatBot.Bench.StandIns;

namespace ChatBot.Bench.Reporting;

/// <summary>What became of one question: its first ack, and what the bot posted where the answer belongs.</summary>
/// <param name="AnswerMs">From sending the question to its summary reaching Slack; null when it was busy or silent.</param>
/// <param name="Summaries">How many times the summary was posted: more than one is a duplicate.</param>
public sealed record Outcome(Question Question, Ack? Ack, double? AnswerMs, int Summaries, bool Busy, string? AnswerText)
{
    public bool Answered => AnswerMs is not null;

    public bool Silent => !Answered && !Busy;

    public bool IsDuplicate => Summaries > 1;

    /// <summary>Matches answers to questions by channel: a command's summary is a top-level post (or a response_url
    /// message); a mention's answer is posted in the thread under the mention, where its details follow, so there a
    /// duplicate is the same text posted twice.</summary>
    public static IReadOnlyList<Outcome> Match(IReadOnlyList<Question> questions, IReadOnlyList<Ack> acks, IReadOnlyList<SlackPost> posts)
    {
        var firstAcks = acks.Where(a => a.Delivery == 0).GroupBy(a => a.Question.Channel).ToDictionary(g => g.Key, g => g.First());
        var byChannel = posts.OrderBy(p => p.AtMs).ToLookup(p => p.Channel);
        return questions.Select(q =>
        {
            var ack = firstAcks.GetValueOrDefault(q.Channel);
            var place = byChannel[q.Channel]
                .Where(p => q.Kind == QuestionKind.Command ? p.ThreadTs is null || p.Via == "response_url" : p.ThreadTs == q.Ts)
                .ToList();
            var first = place.FirstOrDefault();
            var busy = IsBusy(ack?.Body) || IsBusy(first?.Text);
            var summaries = q.Kind == QuestionKind.Command ? place.Count : place.Count(p => p.Text == first?.Text);
            var answerMs = first is null || busy || ack is null ? (double?)null : first.AtMs - ack.SentMs;
            return new Outcome(q, ack, answerMs, summaries, busy, first?.Text);
        }).ToList();
    }

    /// <summary>The bot's "busy, try again in a moment" line, in an ack or a post.</summary>
    public static bool IsBusy(string? text) => text?.Contains("busy", StringComparison.OrdinalIgnoreCase) == true;
}
