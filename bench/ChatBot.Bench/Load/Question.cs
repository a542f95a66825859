using System.Globalization;

namespace ChatBot.Bench.Load;

public enum QuestionKind
{
    Command,
    Mention,
}

/// <summary>One question the bench asks. Each has a channel of its own, so whatever the bot posts there answers it.</summary>
public sealed record Question(QuestionKind Kind, string Channel, string InstanceId, string? Region)
{
    /// <summary>A mention's own ts: the bot must answer in the thread under it.</summary>
    public string Ts { get; init; } = "";

    public string EventId { get; init; } = "";

    /// <summary>What the asker typed; by default a question about <see cref="InstanceId"/>.</summary>
    public string Text { get; init; } = Kind == QuestionKind.Command
        ? $"{InstanceId}{(Region is null ? "" : " " + Region)}"
        : $"<@{SlackRequests.BotUserId}> who stopped {InstanceId}{(Region is null ? "" : " in " + Region)}?";

    /// <summary>Commands then mentions, interleaved evenly, over <paramref name="distinct"/> instances in turn.</summary>
    public static IReadOnlyList<Question> Plan(string prefix, int commands, int mentions, int distinct, string? region, int firstInstance = 0)
    {
        var all = Enumerable.Range(0, commands).Select(i => (Order: (i + 0.5) / commands, Kind: QuestionKind.Command, Index: i))
            .Concat(Enumerable.Range(0, mentions).Select(i => (Order: (i + 0.5) / mentions, Kind: QuestionKind.Mention, Index: i)))
            .OrderBy(q => q.Order)
            .Select((q, n) => Create(prefix, q.Kind, q.Index, InstanceFor(firstInstance + (n % distinct)), region));
        return all.ToList();
    }

    public static Question Create(string prefix, QuestionKind kind, int index, string instanceId, string? region)
    {
        var letter = kind == QuestionKind.Command ? 'C' : 'M';
        var n = index.ToString("D6", CultureInfo.InvariantCulture);
        return new Question(kind, $"C{prefix}{letter}{n}", instanceId, region)
        {
            Ts = $"1700000000.{n}",
            EventId = $"Ev{prefix}{letter}{n}",
        };
    }

    /// <summary>A valid ID (i- and 17 hex digits) per number, so runs are repeatable.</summary>
    public static string InstanceFor(int n) => $"i-0be{n:x14}";
}

/// <summary>What the bot said straight back to one delivery. Status 0: no HTTP answer (see <see cref="Body"/>).</summary>
public sealed record Ack(Question Question, int Delivery, double SentMs, double AckedMs, int Status, string Body)
{
    public double LatencyMs => AckedMs - SentMs;

    public bool IsSuccess => Status is >= 200 and < 300;
}
