using ChatBot.Investigation;

namespace ChatBot.Tests.Slack.Support;

/// <summary>Answers every ID with the console-stop finding, optionally only once <see cref="Release"/> is called.
/// Stands in for the engine only where a test is about Slack placement or queueing, not about AWS.</summary>
internal sealed class FakeInvestigator(bool gated = false) : IInvestigator
{
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public Finding Template { get; init; } = SampleFindings.StoppedFromConsole;

    public void Release() => gate.TrySetResult();

    public async Task<IReadOnlyList<Finding>> InvestigateAsync(Question question, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        if (gated)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return question.InstanceIds.Select(id => Template with { InstanceId = id, Region = question.Region ?? Template.Region }).ToList();
    }
}
