using System.Text.Json.Serialization;

namespace ChatBot.Slack.Answers;

/// <summary>One chat message as Block Kit. <see cref="Text"/> is the plain fallback Slack shows in
/// notifications and to clients that cannot draw blocks; it is always set.</summary>
public sealed record SlackMessage(string Text, IReadOnlyList<Block> Blocks);

/// <summary>The answer about one instance: a short summary for the channel and the details for its thread.</summary>
public sealed record SlackAnswerMessages(SlackMessage Summary, IReadOnlyList<SlackMessage> Thread);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
public abstract record Block;

/// <summary>A text block, optionally with up to 10 two-column fields.</summary>
public sealed record SectionBlock(TextObject? Text) : Block
{
    public IReadOnlyList<TextObject>? Fields { get; init; }
}

public sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block;

public sealed record ActionsBlock(IReadOnlyList<Button> Elements) : Block;

public sealed record HeaderBlock(TextObject Text) : Block;

public sealed record DividerBlock : Block;

/// <summary>A Block Kit button. Both kinds are "button" to Slack, so they are told apart by their fields, not a discriminator.</summary>
[JsonDerivedType(typeof(LinkButton))]
[JsonDerivedType(typeof(ActionButton))]
public abstract record Button(TextObject Text, string ActionId)
{
    [JsonPropertyOrder(-1)]
    public string Type => "button";
}

/// <summary>A button that only opens a URL; Slack still sends a block action when it is clicked.</summary>
public sealed record LinkButton(TextObject Text, string ActionId, [property: JsonPropertyOrder(1)] string Url) : Button(Text, ActionId);

/// <summary>A button the bot answers: Slack sends a block action with <see cref="Value"/> to /slack/interactions.</summary>
public sealed record ActionButton(TextObject Text, string ActionId, [property: JsonPropertyOrder(1)] string Value) : Button(Text, ActionId);

/// <param name="Verbatim">For mrkdwn: true stops Slack from turning bare URLs and names into links or mentions.</param>
public sealed record TextObject(string Type, string Text, bool? Verbatim = null)
{
    /// <summary>mrkdwn text; the caller has already escaped everything that did not come from us.</summary>
    public static TextObject Mrkdwn(string text) => new("mrkdwn", text, Verbatim: true);

    public static TextObject Plain(string text) => new("plain_text", text);
}
