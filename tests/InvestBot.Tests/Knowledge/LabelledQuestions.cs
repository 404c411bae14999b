using System.Text.RegularExpressions;
using InvestBot.Knowledge;
using InvestBot.Tests.Infrastructure;

namespace InvestBot.Tests.Knowledge;

/// <summary>One line of tests/TestData/qa/questions.tsv.</summary>
public sealed record LabelledQuestion(string Text, string Mode, IReadOnlyList<int> Expected, int Line)
{
    public override string ToString() => $"{Text} [{Mode} {string.Join(",", Expected)}]";
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
            var expected = cols.Length > 2 && cols[2].Length > 0 ? cols[2].Split(',').Select(int.Parse).ToList() : [];
            list.Add(new LabelledQuestion(cols[0], cols[1], expected, i + 1));
        }
        return list;
    }

    /// <summary>The article numbers a reply names, in order: （二十二） → 22.</summary>
    public static IReadOnlyList<int> ArticleLabels(string text) =>
        Label().Matches(text).Select(m => ChineseNumber.Parse(m.Groups[1].Value)).OfType<int>().ToList();

    /// <summary>Null when the reply satisfies the label, otherwise what went wrong.</summary>
    public static string? Check(LabelledQuestion q, string replyText)
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
            default:
                throw new InvalidDataException($"questions.tsv line {q.Line}: unknown mode {q.Mode}");
        }
    }

    [GeneratedRegex("（([一二三四五六七八九十]+)）")]
    private static partial Regex Label();
}
