using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Slack;
using ChatBot.Slack.Answers;
using ChatBot.Slack.Api;

namespace ChatBot.Sandbox;

/// <summary>The one Slack channel the sandbox page shows: what the asker typed and what the bot posted,
/// kept as the payloads Slack would have received, with Slack-style timestamps that thread replies point at.</summary>
public sealed class SandboxChannel(TimeProvider time)
{
    public const string Id = "C0SANDBOX";
    public const string TeamId = "T0SANDBOX";
    public const string AskerId = "U0SANDBOX";
    public const string BotUserId = "U0WHOSTOPPED";

    // A page left open for days should not grow the process without bound; the oldest posts go first.
    internal const int Capacity = 2000;

    private readonly List<SandboxPost> posts = [];
    private readonly Lock gate = new();
    private int sequence;

    public SandboxPost Add(string user, string? threadTs, JsonObject payload, bool ephemeral)
    {
        lock (gate)
        {
            sequence++;
            var ts = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow().ToUnixTimeSeconds()}.{sequence:D6}");
            var post = new SandboxPost(sequence, ts, threadTs, user, ephemeral, payload);
            posts.Add(post);
            if (posts.Count > Capacity)
            {
                posts.RemoveRange(0, posts.Count - Capacity);
            }

            return post;
        }
    }

    /// <summary>The one post by <paramref name="user"/>, added the first time it is asked for (the canned alarm).</summary>
    public SandboxPost AddOnce(string user, Func<JsonObject> payload)
    {
        lock (gate)
        {
            return posts.FirstOrDefault(p => p.User == user) ?? Add(user, null, payload(), ephemeral: false);
        }
    }

    public SandboxPost? Find(string ts)
    {
        lock (gate)
        {
            return posts.FirstOrDefault(p => p.Ts == ts);
        }
    }

    /// <summary>chat.update: the post keeps its ts and thread and moves to the end with a new sequence number, so a
    /// page that has drawn it sees it again among what is new and redraws it in place.</summary>
    /// <returns>False when no post has that ts (Slack's message_not_found).</returns>
    public bool Update(string ts, JsonObject payload)
    {
        lock (gate)
        {
            var index = posts.FindIndex(p => p.Ts == ts);
            if (index < 0)
            {
                return false;
            }

            var old = posts[index];
            posts.RemoveAt(index);
            sequence++;
            posts.Add(old with { Sequence = sequence, Payload = payload, Edited = true });
            return true;
        }
    }

    /// <summary>Posts after the <paramref name="after"/>-th, oldest first: what a page that has seen that many is missing.</summary>
    public IReadOnlyList<SandboxPost> Since(int after)
    {
        lock (gate)
        {
            return posts.Where(p => p.Sequence > after).ToList();
        }
    }

    /// <summary>The body chat.postMessage would carry (text fallback and blocks), serialised as the real client does.</summary>
    public static JsonObject Payload(SlackMessage message) => new()
    {
        ["text"] = message.Text,
        ["blocks"] = JsonSerializer.SerializeToNode(message.Blocks, SlackJson.Options),
    };
}

/// <param name="Sequence">Position in the channel, for the page to ask for what is new.</param>
/// <param name="Payload">For the bot, the message payload as sent to Slack; for the asker, just their text.</param>
/// <param name="Edited">Replaced by chat.update since it was first posted.</param>
public sealed record SandboxPost(int Sequence, string Ts, string? ThreadTs, string User, bool Ephemeral, JsonObject Payload, bool Edited = false);

/// <summary>The bot's voice in the sandbox: every message the real handlers and answerer send lands in the channel.</summary>
public sealed class SandboxSlack(SandboxChannel sandbox) : ISlackApi
{
    public Task<PostResult> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        var post = sandbox.Add(SandboxChannel.BotUserId, threadTs, SandboxChannel.Payload(message), ephemeral: false);
        return Task.FromResult(new PostResult(true, post.Ts, null));
    }

    public Task<PostResult> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(sandbox.Update(ts, SandboxChannel.Payload(message)) ? new PostResult(true, ts, null) : new PostResult(false, null, "message_not_found"));

    public Task<bool> RespondAsync(string responseUrl, SlackMessage message, ResponseVisibility visibility, CancellationToken cancellationToken)
    {
        sandbox.Add(SandboxChannel.BotUserId, null, SandboxChannel.Payload(message), ephemeral: visibility == ResponseVisibility.Ephemeral);
        return Task.FromResult(true);
    }

    /// <summary>The sample account's people have no Slack accounts, so answers name them by email alone.</summary>
    public Task<UserLookup> LookupUserByEmailAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(new UserLookup(null, UserLookup.NotFound));
}
