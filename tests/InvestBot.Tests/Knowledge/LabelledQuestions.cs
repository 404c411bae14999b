using System.Text.RegularExpressions;
using InvestBot.Knowledge;
using InvestBot.Knowledge.Bot;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;

namespace InvestBot.Tests.Knowledge;

/// <summary>One line of tests/TestData/qa/questions.tsv.</summary>
/// <param name="Command">For mode <c>command</c>: the command the reply must offer (its name in the command table).</param>
public sealed record LabelledQuestion(string Text, string Mode, IReadOnlyList<int> Expected, int Line, string? Command = null)
{
    public override string ToString() => $"{Text} [{Mode} {Command ?? string.Join(",", Expected)}]";
}

public static partial class LabelledQuestions
{
    public static IReadOnlyList<LabelledQuestion> Load(string? path = null)
    {
        path ??= RepoPaths.TestData("qa", "questions.tsv");
        var list = new List<LabelledQuestion>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cols = line.Split('\t');
            var value = cols.Length > 2 ? cols[2] : "";
            if (cols[1] == "command")
            {
                if (value.Length == 0) throw new InvalidDataException($"questions.tsv line {i + 1}: a command question names the command");
                list.Add(new LabelledQuestion(cols[0], cols[1], [], i + 1, value));
                continue;
            }
            var expected = value.Length > 0 ? value.Split(',').Select(int.Parse).ToList() : [];
            list.Add(new LabelledQuestion(cols[0], cols[1], expected, i + 1));
        }
        return list;
    }

    /// <summary>
    /// What each command of the set's command questions answers when typed as itself (<paramref name="say"/> sends a
    /// message and returns the reply's text), for <see cref="Check"/>. The set holds no command that changes state.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> CommandRepliesAsync(IEnumerable<LabelledQuestion> questions, Func<string, Task<string>> say)
    {
        var replies = new Dictionary<string, string>();
        foreach (var command in questions.Select(q => q.Command).OfType<string>().Distinct())
            replies[command] = await say(command);
        return replies;
    }

    /// <summary>The article numbers a reply names, in order: （二十二） → 22.</summary>
    public static IReadOnlyList<int> ArticleLabels(string text) =>
        Label().Matches(text).Select(m => ChineseNumber.Parse(m.Groups[1].Value)).OfType<int>().ToList();

    /// <summary>Null when the reply satisfies the label, otherwise what went wrong.</summary>
    /// <param name="commandReply">For mode <c>command</c>: what the bot replies to the command's own word from the same
    /// user, so that a phrasing which ran the command (我们单位排第几 → 我单位排名) is recognised by its answer.</param>
    public static string? Check(LabelledQuestion q, string replyText, string? commandReply = null)
    {
        var labels = ArticleLabels(replyText);
        switch (q.Mode)
        {
            case "top1":
                return labels.Count > 0 && q.Expected.Contains(labels[0]) ? null : $"first article {(labels.Count > 0 ? labels[0] : "none")}";
            case "all":
                var missing = q.Expected.Except(labels).ToList();
                return missing.Count == 0 ? null : "missing " + string.Join(",", missing);
            case "none":
                return labels.Count == 0 && replyText.Contains("没有", StringComparison.Ordinal) ? null : "answered " + string.Join(",", labels.Take(3));
            case "unsure":
                return replyText.Contains("您是不是想问", StringComparison.Ordinal) || (labels.Count == 0 && replyText.Contains("没有", StringComparison.Ordinal))
                    ? null : "answered with confidence " + string.Join(",", labels.Take(1));
            case "process":
                // The process card: the answer from the bot's settings, then every expected article under 文件依据.
                var basis = replyText.IndexOf(KnowledgeTexts.ProcessBasis, StringComparison.Ordinal);
                if (!replyText.Contains("答：", StringComparison.Ordinal) || basis < 0) return "no process answer; first article " + (labels.Count > 0 ? labels[0] : "none");
                var cited = ArticleLabels(replyText[basis..]);
                var notCited = q.Expected.Except(cited).ToList();
                return notCited.Count == 0 ? null : "basis misses " + string.Join(",", notCited);
            case "command":
                if (replyText.Contains(BotTexts.DidYouMeanCommand(q.Command!), StringComparison.Ordinal)) return null;
                return commandReply is not null && replyText == commandReply
                    ? null
                    : $"neither 您是不是想用“{q.Command}” nor its answer: {Shorten(replyText)}";
            default:
                throw new InvalidDataException($"questions.tsv line {q.Line}: unknown mode {q.Mode}");
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex("（([一二三四五六七八九十]+)）")]
    private static partial Regex Label();
}
