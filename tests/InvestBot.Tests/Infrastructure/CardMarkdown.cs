using System.Text.RegularExpressions;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// The parts of a card a client renders as markdown (TextBlock text, FactSet titles and values), and the check that
/// what a user typed shows there literally: escaped by <see cref="CardText.Literal"/>, never as live markdown.
/// </summary>
public static partial class CardMarkdown
{
    /// <summary>A link and bold text as someone could type them into any field.</summary>
    public const string Link = "[区政府通知](https://phish.example/x)";
    public const string Bold = "**粗体**";
    public const string Typed = Link + " " + Bold;

    public static IReadOnlyList<string> Of(JToken card) =>
        card.SelectTokens("$..[?(@.type == 'TextBlock')].text")
            .Concat(card.SelectTokens("$..facts[*].title"))
            .Concat(card.SelectTokens("$..facts[*].value"))
            .Select(t => t.ToString()).ToList();

    /// <summary>The card's markdown shows <paramref name="typed"/> escaped and holds no live link or emphasis.</summary>
    public static void AssertLiteral(JToken card, string typed = Typed)
    {
        var markdown = string.Join("\n", Of(card));
        Assert.Contains(CardText.Literal(typed), markdown);
        AssertNoLiveMarkdown(markdown);
    }

    /// <summary>No unescaped "](" (a link) and no unescaped "**" (bold) anywhere in <paramref name="markdown"/>.</summary>
    public static void AssertNoLiveMarkdown(string markdown)
    {
        Assert.DoesNotMatch(LiveLink(), markdown);
        Assert.DoesNotMatch(LiveBold(), markdown);
    }

    /// <summary>What a reader sees of <paramref name="markdown"/>: CommonMark backslash escapes resolved.</summary>
    public static string Shown(string markdown) => Escape().Replace(markdown, "$1");

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"(?<!\\)\]\(")]
    private static partial Regex LiveLink();

    [GeneratedRegex(@"(?<!\\)\*\*")]
    private static partial Regex LiveBold();
}
