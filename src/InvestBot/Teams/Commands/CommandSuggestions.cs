using InvestBot.Access;

namespace InvestBot.Teams.Commands;

/// <summary>A command the user probably meant, and the text its button sends (the mistyped word replaced).</summary>
/// <param name="Spaced">The slip was followed by arguments after a space or by digits (天报 潮阳街道, 填表3月): a command's
/// shape, which a policy question does not have, so it is the suggestion even when the Q&amp;A finds something.</param>
public sealed record CommandSuggestion(BotCommand Command, string Text, bool Spaced);

/// <summary>
/// Reads a short message the bot could not place as a mistyped command word (填表 / 天报 → 填报, 排民 → 排名,
/// 导出excel → 导出), using only the command table: one character off a word of the table (typed by pinyin input, a
/// slip picks a neighbour), or a word followed by Latin letters. Only commands the user may use where they are count.
/// The Q&amp;A asks it first only for a command's shape (a slip, then arguments), otherwise after finding nothing, so a short
/// policy term (排位, 人才) is still a policy question.
/// </summary>
public sealed class CommandSuggestions(CommandTable table, UserRoles roles)
{
    /// <summary>Longer messages are questions, not mistyped commands.</summary>
    private const int MaxHeadLength = 8;

    /// <param name="spacedOnly">Only a slip followed by arguments (<see cref="CommandSuggestion.Spaced"/>): what the Q&amp;A
    /// asks when it found an answer, so a question that is not a command's shape costs no search of the table.</param>
    public CommandSuggestion? For(string text, ConversationScope scope, UserIdentity user, bool spacedOnly = false)
    {
        var bare = text.Trim().TrimEnd('。', '.', '!', '！', '?', '？', ' ');
        var (head, latin, rest) = Split(bare);
        if (head.Length < 2 || head.Length > MaxHeadLength || (spacedOnly && rest.Length == 0)) return null;
        var isAdmin = roles.IsAdmin(user);
        var best = table.Commands
            .Where(c => (c.Scopes & scope) != 0 && (isAdmin || !c.AdminOnly))
            .SelectMany(c => c.Words.Select(w => (Command: c, Word: w)))
            .Where(x => x.Word.Length >= 2 && !x.Word.All(char.IsAscii)) // help / ? are not worth guessing at
            .Select(x => (x.Command, x.Word, Distance: Distance(head, x.Word)))
            .Where(x => x.Distance == 1 || (x.Distance == 0 && latin.Length > 0))
            .OrderBy(x => x.Distance).ThenByDescending(x => x.Word.Length)
            .FirstOrDefault();
        if (best.Command is null) return null;
        // The row's own word, with what followed (天报 潮阳街道 → 填报 潮阳街道); Latin letters were the slip (excel).
        var word = best.Command.Match == WordMatch.Exact ? best.Command.Name : best.Word;
        var button = best.Command.Match == WordMatch.Exact || rest.Length == 0 ? word : $"{word} {rest}";
        return new CommandSuggestion(best.Command, button, rest.Length > 0);
    }

    /// <summary>
    /// The leading word (up to a space or digit), Latin letters glued to its end (导出excel), and the rest.
    /// A message of Latin letters only stays whole (it is no Chinese command word's slip).
    /// </summary>
    private static (string Head, string Latin, string After) Split(string text)
    {
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && !char.IsAsciiDigit(text[end])) end++;
        var head = text[..end];
        var rest = text[end..].Trim();
        var cut = head.Length;
        while (cut > 0 && char.IsAsciiLetter(head[cut - 1])) cut--;
        return cut == 0 ? (head, "", rest) : (head[..cut], head[cut..], rest);
    }

    /// <summary>Levenshtein distance; the words are a few characters long.</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1) return 2; // more than one edit apart: no need to count
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
