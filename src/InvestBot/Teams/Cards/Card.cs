using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Cards;

/// <summary>
/// Small helpers that build Adaptive Card 1.5 JSON. We build cards as JSON because the AdaptiveCards
/// package is not available here; tests validate every card against the official 1.5 schema.
/// Only properties that exist in the schema may be used (the card object forbids extra properties).
/// </summary>
public static class Card
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JObject Create(IEnumerable<JToken?> body, IEnumerable<JToken?>? actions = null, string? fallbackText = null)
    {
        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = new JArray(body.Where(b => b is not null)),
        };
        var acts = actions?.Where(a => a is not null).ToList();
        if (acts is { Count: > 0 }) card["actions"] = new JArray(acts);
        if (fallbackText is not null) card["fallbackText"] = fallbackText;
        return card;
    }

    /// <remarks>The content is the card's JSON text: the SDK's attachment converter copies a JObject token by token
    /// before writing it (a second full pass over every card), while raw JSON is written as it is.</remarks>
    public static Attachment ToAttachment(JObject card) => new() { ContentType = ContentType, Content = new JRaw(card.ToString(Formatting.None)) };

    /// <summary>A message activity carrying one card, with a plain-text summary for notifications and clients without cards.</summary>
    /// <param name="showText">Also set the summary as the message text: the new Teams client ignores Summary and shows
    /// "sent a card" in the chat list and the notification unless the message has text.</param>
    public static IMessageActivity ToActivity(JObject card, string summary, bool showText = false)
    {
        var activity = MessageFactory.Attachment(ToAttachment(card));
        activity.Summary = summary;
        if (showText) activity.Text = summary;
        return activity;
    }

    public static JObject Text(string text, string? size = null, string? weight = null, string? color = null,
        bool wrap = true, bool isSubtle = false, string? spacing = null, bool separator = false)
    {
        var t = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = wrap };
        if (size is not null) t["size"] = size;
        if (weight is not null) t["weight"] = weight;
        if (color is not null) t["color"] = color;
        if (isSubtle) t["isSubtle"] = true;
        if (spacing is not null) t["spacing"] = spacing;
        if (separator) t["separator"] = true;
        return t;
    }

    public static JObject Title(string text) => Text(text, size: "Large", weight: "Bolder");

    public static JObject Heading(string text) => Text(text, size: "Medium", weight: "Bolder", spacing: "Medium");

    public static JObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JArray(facts.Select(f => new JObject { ["title"] = f.Title, ["value"] = f.Value })),
    };

    public static JObject Container(IEnumerable<JToken?> items, string? style = null, bool separator = false)
    {
        var c = new JObject { ["type"] = "Container", ["items"] = new JArray(items.Where(i => i is not null)) };
        if (style is not null) c["style"] = style;
        if (separator) c["separator"] = true;
        return c;
    }

    /// <summary>
    /// A button that runs <paramref name="text"/> as if the presser had typed it, in the conversation it was pressed in
    /// (查看全文, 您是不是想问, 帮助 …). An Action.Execute with the kernel verb <see cref="SayPayload.Verb"/>, not Teams' imBack:
    /// imBack buttons do nothing in the Agents Playground, Action.Execute works there and in Teams.
    /// </summary>
    public static JObject Say(string title, string text) => Execute(title, SayPayload.Verb, new SayPayload(text).ToData());

    /// <summary>A universal action handled by the bot's adaptiveCard/action invoke; <paramref name="verb"/> picks the handler.</summary>
    public static JObject Execute(string title, string verb, JObject? data = null, string? style = null)
    {
        var a = new JObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb };
        if (data is not null) a["data"] = data;
        if (style is not null) a["style"] = style;
        return a;
    }

    /// <summary>What one card may weigh (UTF-8 JSON): the activity around it stays well inside Teams' ~28 KB message limit.</summary>
    public const int MaxBytes = 24 * 1024;

    /// <summary>The card's size as Teams counts it (UTF-8 JSON); Teams rejects messages above about 28 KB.</summary>
    public static int Size(JObject card) => System.Text.Encoding.UTF8.GetByteCount(card.ToString(Newtonsoft.Json.Formatting.None));

    /// <summary>
    /// Packs blocks of body elements into as few cards as fit <paramref name="maxBytes"/> each, greedily and in order (a block
    /// is never split), each card headed by <paramref name="heading"/>(page, pages) — so a long announcement goes out as
    /// several messages Teams accepts. The heading must fit the 600-byte reserve.
    /// </summary>
    public static IReadOnlyList<JObject> Pages(IEnumerable<IReadOnlyList<JObject>> blocks, int maxBytes, Func<int, int, JObject> heading,
        string? fallbackText = null)
    {
        const int reserve = 600;
        var pages = new List<List<JObject>>();
        var current = new List<JObject>();
        foreach (var block in blocks)
        {
            if (current.Count > 0 && Size(Create(current.Concat(block))) > maxBytes - reserve)
            {
                pages.Add(current);
                current = [];
            }
            current.AddRange(block);
        }
        pages.Add(current);
        return pages.Select((body, i) => Create(body.Prepend(heading(i + 1, pages.Count)), fallbackText: fallbackText)).ToList();
    }

    /// <summary>A title for <see cref="Pages"/>: the title alone on a single card, “（2/3）” after it when there are several.</summary>
    public static Func<int, int, JObject> PageTitle(string title) => (page, pages) => Title(pages == 1 ? title : $"{title}（{page}/{pages}）");

    /// <summary>
    /// Lines of text (already markdown-safe) as blocks for <see cref="Pages"/>: <paramref name="perBlock"/> lines to a
    /// TextBlock, the first block under <paramref name="heading"/>; nothing when there are no lines.
    /// </summary>
    public static IEnumerable<IReadOnlyList<JObject>> LineBlocks(string heading, IEnumerable<string> lines, int perBlock = 20) =>
        lines.Chunk(perBlock).Select((chunk, i) =>
        {
            var text = Text(string.Join("\n\n", chunk));
            return (IReadOnlyList<JObject>)(i == 0 ? [Heading(heading), text] : [text]);
        });

    /// <summary>A signed, short-lived download link (an export or a published document): the title, until when it works, and the button.</summary>
    /// <param name="validUntil">The link's expiry in office time.</param>
    /// <param name="button">The button's words; “下载 Excel” unless the file is another kind.</param>
    public static JObject DownloadLink(string title, string url, DateTimeOffset validUntil, string? button = null) => Create(
        [Title(title), Text(BotTexts.LinkValidUntil(validUntil), isSubtle: true)],
        [new JObject { ["type"] = "Action.OpenUrl", ["title"] = button ?? BotTexts.DownloadExcel, ["url"] = url }],
        $"{title}：{url}");

    public static JObject ActionSet(IEnumerable<JToken> actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JArray(actions),
    };
}
