using System.Text.Json;
using ChatBot.Investigation;

namespace ChatBot.Slack.Inbound;

/// <summary>The instance IDs in a Slack message as a shortcut receives it, wherever the posting app put them: the
/// text, the blocks (section text and fields, context elements, rich text and its links) and the attachments (text,
/// fallback, pretext, title, fields, and their own blocks). Alarms from CloudWatch, PagerDuty or Datadog use all of these.</summary>
public static class MessageInstanceIds
{
    /// <summary>Keys whose string values are words a reader sees, or links that may carry an ID in their query.</summary>
    private static readonly HashSet<string> BlockTextKeys = new(StringComparer.Ordinal) { "text", "url" };

    private static readonly string[] AttachmentTextKeys = ["text", "fallback", "pretext", "title", "title_link", "footer"];

    /// <returns>Every distinct, well-formed ID in order of appearance (lower case).</returns>
    public static IReadOnlyList<string> In(JsonElement message)
    {
        var texts = new List<string>();
        if (message.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        AddString(message, "text", texts);
        if (message.TryGetProperty("blocks", out var blocks))
        {
            CollectBlockText(blocks, texts);
        }

        foreach (var attachment in Items(message, "attachments"))
        {
            foreach (var key in AttachmentTextKeys)
            {
                AddString(attachment, key, texts);
            }

            foreach (var field in Items(attachment, "fields"))
            {
                AddString(field, "title", texts);
                AddString(field, "value", texts);
            }

            if (attachment.TryGetProperty("blocks", out var attachmentBlocks))
            {
                CollectBlockText(attachmentBlocks, texts);
            }
        }

        return texts.SelectMany(InstanceId.FindAll).Distinct().ToList();
    }

    /// <summary>Block Kit nests freely (a rich_text list of sections of elements), so every level is searched.</summary>
    private static void CollectBlockText(JsonElement node, List<string> texts)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    CollectBlockText(item, texts);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && BlockTextKeys.Contains(property.Name))
                    {
                        texts.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        CollectBlockText(property.Value, texts);
                    }
                }

                break;
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];

    private static void AddString(JsonElement parent, string name, List<string> texts)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            texts.Add(value.GetString()!);
        }
    }
}
