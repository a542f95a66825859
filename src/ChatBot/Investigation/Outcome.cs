namespace ChatBot.Investigation;

/// <summary>A call's value or the exception it ended with, so that one failing region or source becomes part of the
/// answer instead of ending it.</summary>
public readonly record struct Outcome<T>(T? Value, Exception? Error);

public static class Outcome
{
    public static async Task<Outcome<T>> Of<T>(Func<Task<T>> call)
    {
        try
        {
            return new(await call(), null);
        }
        catch (Exception e)
        {
            return new(default, e);
        }
    }
}
