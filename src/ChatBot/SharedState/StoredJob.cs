using System.Text.Json;
using ChatBot.Aws;
using ChatBot.Slack.Work;

namespace ChatBot.SharedState;

/// <summary>A backlog job as the work journal keeps it (before sealing): the questions and doctor runs that take
/// time. Short notices are not kept; they are done before a lease could matter.</summary>
internal sealed record StoredJob(
    string Kind, string Name, string Channel, string? ThreadTs, string? ResponseUrl,
    IReadOnlyList<string>? InstanceIds = null, string? Region = null, AwsAccount? Account = null, string? AskedBy = null)
{
    private const string Question = "question";
    private const string Doctor = "doctor";

    public static bool IsKept(SlackJob job) => job is QuestionJob or DoctorJob;

    public static string Write(SlackJob job) => JsonSerializer.Serialize(job switch
    {
        QuestionJob q => new StoredJob(Question, q.Name, q.Target.Channel, q.Target.ThreadTs, q.Target.ResponseUrl, q.InstanceIds, q.Region, q.Account, q.AskedBy),
        DoctorJob d => new StoredJob(Doctor, d.Name, d.Target.Channel, d.Target.ThreadTs, d.Target.ResponseUrl),
        _ => throw new ArgumentOutOfRangeException(nameof(job), job.GetType().Name, "Not a kind of job the journal keeps."),
    });

    /// <returns>The job under its ticket, or null when the text is not a job this version knows.</returns>
    public static SlackJob? Read(string ticket, string json)
    {
        StoredJob? stored;
        try
        {
            stored = JsonSerializer.Deserialize<StoredJob>(json);
        }
        catch (JsonException)
        {
            return null;
        }

        var target = stored is null ? null : new AnswerTarget(stored.Channel, stored.ThreadTs, stored.ResponseUrl);
        return stored switch
        {
            { Kind: Question, InstanceIds.Count: > 0 } => new QuestionJob(stored.Name, target!, stored.InstanceIds, stored.Region, stored.Account, stored.AskedBy) { Ticket = ticket },
            { Kind: Doctor } => new DoctorJob(stored.Name, target!) { Ticket = ticket },
            _ => null,
        };
    }
}
