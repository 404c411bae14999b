using System.Text.RegularExpressions;

namespace InvestBot.Common;

/// <summary>
/// Where a rule in a data file comes from: an article of the notice (it starts with the article's label, e.g.
/// “（二十七）…”) or the office's own decision (“区合作交流办设定：…”, where the document is silent). Data files are
/// checked at startup so no rule can be stated without one of the two.
/// </summary>
public static partial class RuleSource
{
    public const string Office = "区合作交流办设定";

    public static bool IsArticle(string? source) => source is not null && ArticleLabel().IsMatch(source);

    public static bool IsOffice(string? source) => source is not null && source.StartsWith(Office, StringComparison.Ordinal);

    /// <summary>Just the article label (“（三）”) of an article source; the whole text for an office setting.</summary>
    public static string Label(string source) => ArticleLabel().Match(source) is { Success: true } m ? m.Value : source;

    /// <summary>The label to put after a figure: "（八）" as it is, an office setting in brackets.</summary>
    public static string Cite(string source) => Label(source) is var label && label.StartsWith('（') ? label : $"（{label}）";

    /// <summary>The source, or an <see cref="InvalidDataException"/> naming <paramref name="where"/> when it is neither.</summary>
    public static string Require(string? source, string where) =>
        IsArticle(source) || IsOffice(source)
            ? source!
            : throw new InvalidDataException($"{where}：缺少出处（应以条款序号如“（二十七）”开头，或以“{Office}”开头）");

    [GeneratedRegex(@"^（[一二三四五六七八九十]{1,3}）")]
    private static partial Regex ArticleLabel();
}
