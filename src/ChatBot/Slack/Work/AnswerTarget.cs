namespace ChatBot.Slack.Work;

/// <summary>Where answers go.</summary>
/// <param name="ThreadTs">The thread to answer in (a mention's thread); null puts each summary top-level
/// with its details in a thread under it.</param>
/// <param name="ResponseUrl">A slash command's response_url: the way in when the bot cannot post to the channel.</param>
public sealed record AnswerTarget(string Channel, string? ThreadTs, string? ResponseUrl);
