using System.Globalization;
using System.Text;

namespace InvestBot.Teams.Cards;

/// <summary>
/// Text that people typed (project names, problems, contacts, display names, feedback, unit names in commands), made
/// safe for the markdown of an Adaptive Card TextBlock or FactSet value: it shows literally and never becomes a link,
/// emphasis, a heading or a list. Every ASCII punctuation character is backslash-escaped (CommonMark allows exactly
/// those escapes), so "[通知](https://x)" shows as typed and "https://x" cannot be auto-linked; line starts that would
/// be block markup ("1. ", "- ", "#") are escaped by the same rule. Use it only where text goes into markdown —
/// input values, card data, titles of buttons and plain-text summaries take the raw text.
/// </summary>
public static class CardText
{
    public static string Literal(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c)) { sb?.Append(c); continue; }
            sb ??= new StringBuilder(text, 0, i, text.Length + 8);
            sb.Append('\\').Append(c);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>
    /// Something a person typed or named, quoted back in a reply (“没有找到单位“…””, a file's name): on one line (line
    /// breaks become spaces, other control characters are dropped), cut to <paramref name="max"/> characters with “…”
    /// (a pasted page is not echoed whole), shown literally.
    /// </summary>
    public static string Quote(string? typed, int max = QuoteLength)
    {
        if (string.IsNullOrEmpty(typed)) return "";
        var text = new StringBuilder(Math.Min(typed.Length, max + 1));
        var shown = 0;
        // By text element, so a cut never splits an emoji or a combining sequence.
        var elements = StringInfo.GetTextElementEnumerator(typed);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (char.IsControl(element[0]))
            {
                // A line break or tab becomes one space (a quote is one line); any other control character is dropped.
                if (!char.IsWhiteSpace(element[0]) || text.Length == 0 || text[^1] == ' ') continue;
                element = " ";
            }
            if (shown == max) { text.Append('…'); break; }
            text.Append(element);
            shown++;
        }
        return Literal(text.ToString().TrimEnd(' '));
    }

    /// <summary>How much of what someone typed a reply quotes back.</summary>
    public const int QuoteLength = 40;

    /// <summary>CommonMark's escapable characters: ASCII punctuation.</summary>
    private static bool NeedsEscape(char c) => c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~';
}
