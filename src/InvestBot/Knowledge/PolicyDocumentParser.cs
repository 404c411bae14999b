using System.Text;
using System.Text.RegularExpressions;

namespace InvestBot.Knowledge;

/// <summary>Malformed policy text: says which line and why, so the office can fix the file.</summary>
public sealed class PolicyFormatException(string source, int line, string message)
    : FormatException($"{source} 第{line}行：{message}")
{
    public int Line { get; } = line;
}

/// <summary>
/// Reads a notice shaped like the 2023 measures: header lines up to the one ending in 通知, the issuer and the
/// date, the measures' title, a preamble, then sections 一、… holding articles （一）… numbered continuously.
/// Nothing about the 2023 wording is assumed, so next year's notice loads without code changes.
/// </summary>
public static partial class PolicyDocumentParser
{
    public static PolicyDocument Load(string path) => Parse(File.ReadAllLines(path), Path.GetFileName(path));

    public static PolicyDocument Parse(IReadOnlyList<string> rawLines, string source = "policy")
    {
        var lines = rawLines.Select(l => l.Replace('\u3000', ' ').Trim()).ToList();
        var i = 0;
        int Next()
        {
            while (i < lines.Count && lines[i].Length == 0) i++;
            return i;
        }

        // Notice title: the lines up to the one ending in 通知.
        var notice = new StringBuilder();
        var titleStart = Next() + 1;
        while (true)
        {
            if (Next() >= lines.Count) throw new PolicyFormatException(source, titleStart, "找不到以“通知”结尾的标题行");
            var line = lines[i++];
            if (SectionLine().IsMatch(line) || ArticleLine().IsMatch(line))
                throw new PolicyFormatException(source, i, "在通知标题之前出现了章节或条款");
            notice.Append(line);
            if (line.EndsWith("通知", StringComparison.Ordinal)) break;
        }

        // Header: addressees, the circular sentence, the issuer, the date, an optional （此件主动公开）.
        string? issuedOn = null;
        string? previous = null;
        string issuer = "";
        while (issuedOn is null)
        {
            if (Next() >= lines.Count) throw new PolicyFormatException(source, lines.Count, "找不到发文日期（如 2023年2月13日）");
            var line = lines[i++];
            if (SectionLine().IsMatch(line) || ArticleLine().IsMatch(line))
                throw new PolicyFormatException(source, i, "在发文日期之前出现了章节或条款");
            if (DateLine().IsMatch(line))
            {
                issuedOn = line;
                issuer = previous ?? throw new PolicyFormatException(source, i, "发文日期前缺少发文单位");
            }
            previous = line;
        }
        if (Next() < lines.Count && lines[i].StartsWith('（') && lines[i].EndsWith('）') && !ArticleLine().IsMatch(lines[i])) i++;

        // The measures' title: short lines without sentence punctuation, then the preamble.
        var measuresTitle = new StringBuilder();
        while (Next() < lines.Count && !lines[i].Contains('。') && !lines[i].Contains('，') && !SectionLine().IsMatch(lines[i]))
            measuresTitle.Append(lines[i++]);
        var preamble = new StringBuilder();
        while (Next() < lines.Count && !SectionLine().IsMatch(lines[i]))
        {
            if (ArticleLine().IsMatch(lines[i]))
                throw new PolicyFormatException(source, i + 1, "条款出现在第一个章节（一、）之前");
            preamble.Append(lines[i++]);
        }

        var sections = new List<(int Number, string Label, string Title, List<int> Articles)>();
        var articles = new List<PolicyArticle>();
        while (Next() < lines.Count)
        {
            var lineNo = i + 1;
            var line = lines[i++];
            if (SectionLine().Match(line) is { Success: true } s)
            {
                var n = ChineseNumber.Parse(s.Groups["n"].Value)
                        ?? throw new PolicyFormatException(source, lineNo, $"章节序号“{s.Groups["n"].Value}”不是数字");
                if (n != sections.Count + 1)
                    throw new PolicyFormatException(source, lineNo, $"章节序号应为{ChineseNumber.ToChinese(sections.Count + 1)}、，实际为{s.Groups["n"].Value}、");
                if (sections.Count > 0 && sections[^1].Articles.Count == 0)
                    throw new PolicyFormatException(source, lineNo, $"章节“{sections[^1].Label}{sections[^1].Title}”下没有条款");
                sections.Add((n, s.Groups["n"].Value + "、", s.Groups["t"].Value.Trim(), new List<int>()));
                continue;
            }
            if (ArticleLine().Match(line) is { Success: true } a)
            {
                if (sections.Count == 0) throw new PolicyFormatException(source, lineNo, "条款出现在第一个章节之前");
                var n = ChineseNumber.Parse(a.Groups["n"].Value)
                        ?? throw new PolicyFormatException(source, lineNo, $"条款序号“{a.Groups["n"].Value}”不是数字");
                if (n != articles.Count + 1)
                    throw new PolicyFormatException(source, lineNo, $"条款序号应为（{ChineseNumber.ToChinese(articles.Count + 1)}），实际为（{a.Groups["n"].Value}）");
                articles.Add(ParseArticle(source, lineNo, n, "（" + a.Groups["n"].Value + "）", a.Groups["rest"].Value, sections.Count));
                sections[^1].Articles.Add(n);
                continue;
            }
            throw new PolicyFormatException(source, lineNo, $"无法识别的行（既不是章节“一、”也不是条款“（一）”）：{Shorten(line)}");
        }
        if (articles.Count == 0) throw new PolicyFormatException(source, lines.Count, "文件中没有任何条款（一）");
        if (sections[^1].Articles.Count == 0)
            throw new PolicyFormatException(source, lines.Count, $"章节“{sections[^1].Label}{sections[^1].Title}”下没有条款");

        return new PolicyDocument(
            issuer, notice.ToString(), issuedOn, measuresTitle.ToString(), preamble.ToString(),
            sections.Select(s => new PolicySection(s.Number, s.Label, s.Title, s.Articles)).ToList(),
            articles);
    }

    private static PolicyArticle ParseArticle(string source, int lineNo, int number, string label, string rest, int section)
    {
        var stop = rest.IndexOf('。');
        if (stop <= 0) throw new PolicyFormatException(source, lineNo, $"条款{label}缺少以“。”结尾的标题");
        var title = rest[..stop];
        var body = rest[(stop + 1)..].Trim();
        string? responsibleText = null;
        IReadOnlyList<string> names = [];
        if (ResponsibleNote().Match(body) is { Success: true } r)
        {
            responsibleText = r.Groups["list"].Value.Trim();
            names = SplitNames(responsibleText);
            if (names.Count == 0 || names.Any(n => n.Length == 0))
                throw new PolicyFormatException(source, lineNo, $"条款{label}的责任单位列表有空项：{responsibleText}");
            body = body[..r.Index].Trim();
        }
        else if (body.Contains("责任单位", StringComparison.Ordinal))
        {
            throw new PolicyFormatException(source, lineNo, $"条款{label}的“责任单位”没有写成行末的（责任单位：…）");
        }
        return new PolicyArticle(number, label, title, body, responsibleText, names, TargetExtractor.Extract(body), section, lineNo);
    }

    /// <summary>Splits on 、 outside parentheses: 周良街道（京津新城） and 长三角区域招商一组（上海、浙江） stay whole.</summary>
    internal static IReadOnlyList<string> SplitNames(string list)
    {
        var names = new List<string>();
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in list)
        {
            if (c is '（' or '(') depth++;
            if (c is '）' or ')') depth--;
            if (depth == 0 && c is '、' or '，' or ',')
            {
                names.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        names.Add(current.ToString().Trim());
        return names;
    }

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]+)、(?<t>.+)$")]
    private static partial Regex SectionLine();

    [GeneratedRegex(@"^（(?<n>[一二三四五六七八九十百零〇两]+)）(?<rest>.*)$")]
    private static partial Regex ArticleLine();

    [GeneratedRegex(@"^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"（责任单位[：:](?<list>.*)）\s*$")]
    private static partial Regex ResponsibleNote();
}
