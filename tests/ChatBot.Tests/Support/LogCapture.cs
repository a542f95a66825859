using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Support;

/// <summary>Every log line the app writes, at every level, with its structured values, scopes and exception:
/// all that a real sink could receive, so tests can assert on content (or on what must never be there).
/// A line reads "category level: message | values | scopes | exception".</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. lines];

    public string All => string.Join('\n', lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            var scopeText = new List<string>();
            capture.scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopeText);
            capture.lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} | {values} | {string.Join(" / ", scopeText)} | {exception}");
        }
    }
}
