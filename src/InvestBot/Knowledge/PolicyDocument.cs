namespace InvestBot.Knowledge;

/// <summary>The parsed policy notice: header, sections and articles, exactly as the document states them.</summary>
public sealed record PolicyDocument(
    string Issuer,
    string NoticeTitle,
    string? IssuedOn,
    string MeasuresTitle,
    string Preamble,
    IReadOnlyList<PolicySection> Sections,
    IReadOnlyList<PolicyArticle> Articles)
{
    public PolicyArticle? Article(int number) =>
        number >= 1 && number <= Articles.Count ? Articles[number - 1] : null;

    public PolicySection SectionOf(PolicyArticle article) => Sections.First(s => s.Number == article.SectionNumber);

    /// <summary>The year the notice was issued in (2023年2月13日 → 2023); its yearly numbers are that year's.</summary>
    /// <remarks>Computed once: every answer card asks for it.</remarks>
    public int? Year { get; } = IssuedOn is { Length: >= 4 } d
        && int.TryParse(d.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : null;
}

/// <summary>一、高标准设置目标任务 — a section with its continuous article numbers.</summary>
public sealed record PolicySection(int Number, string Label, string Title, IReadOnlyList<int> ArticleNumbers)
{
    public string Heading => Label + Title;
}

/// <summary>
/// （二十二）优化审批服务效能。… (责任单位：…). Title is the text before the first 。; Body is the rest without
/// the responsibility note; ResponsibleNames are the names as written (group words included).
/// </summary>
public sealed record PolicyArticle(
    int Number,
    string Label,
    string Title,
    string Body,
    string? ResponsibleText,
    IReadOnlyList<string> ResponsibleNames,
    IReadOnlyList<PolicyTarget> Targets,
    int SectionNumber,
    int LineNumber)
{
    /// <summary>（二十二）优化审批服务效能 — how the document writes it.</summary>
    public string Heading => Label + Title;
}

/// <summary>A quantity in the text: 118个 内资产业项目, 不少于3人 行业招商队伍.</summary>
/// <param name="Qualifier">不少于 / 不低于 / 至少 / 超, or empty.</param>
/// <param name="Amount">The number as written (118, 0.5).</param>
/// <param name="MeasureWord">个, 家, 亿元, 万美元, 人 …</param>
/// <param name="Subject">What it counts, e.g. 内资产业项目.</param>
/// <param name="Clause">The sentence it appears in.</param>
/// <param name="Phrase">The words around it up to the nearest comma: 各街镇要建立起不少于5人的专业招商队伍.</param>
public sealed record PolicyTarget(string Qualifier, decimal Amount, string AmountText, string MeasureWord, string Subject, string Clause, string Phrase)
{
    public string Quantity => Qualifier + AmountText + MeasureWord;

    public override string ToString() => $"{Subject} {Quantity}";
}
