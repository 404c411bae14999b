using System.Globalization;
using System.Text.RegularExpressions;

namespace InvestBot.Knowledge;

/// <summary>
/// Finds the quantitative targets in an article: a number with its measure word, and what it counts —
/// the noun after “的” (不少于3人的行业招商队伍), the noun right after (6次大型招商推介活动), or the noun
/// phrase just before it (内资到位额200亿元).
/// </summary>
public static partial class TargetExtractor
{
    // Leading words that say "achieve / introduce / in the year", not what is counted.
    private static readonly string[] LeadingVerbs =
        ["全年", "累计", "实现", "年内", "新引进", "引进", "新增", "设立", "设", "建立起", "建立", "其中", "每组每年", "每月至少", "分别为"];
    private static readonly string[] TrailingVerbs = ["压至", "达到", "组成"];

    public static IReadOnlyList<PolicyTarget> Extract(string body)
    {
        var targets = new List<PolicyTarget>();
        foreach (Match m in Quantity().Matches(body))
        {
            var clauseStart = body.LastIndexOfAny(ClauseBreaks, Math.Max(0, m.Index - 1)) + 1;
            if (m.Index == 0) clauseStart = 0;
            var clauseEnd = body.IndexOfAny(ClauseBreaks, m.Index + m.Length);
            if (clauseEnd < 0) clauseEnd = body.Length;
            var sentenceStart = body.LastIndexOf('。', Math.Max(0, m.Index - 1)) + 1;
            var sentenceEnd = body.IndexOf('。', m.Index);
            var sentence = body[sentenceStart..(sentenceEnd < 0 ? body.Length : sentenceEnd + 1)];
            var phraseStart = body.LastIndexOfAny(PhraseBreaks, Math.Max(0, m.Index - 1)) + 1;
            if (m.Index == 0) phraseStart = 0;
            var phraseEnd = body.IndexOfAny(PhraseBreaks, m.Index + m.Length);
            var phrase = body[phraseStart..(phraseEnd < 0 ? body.Length : phraseEnd)].Trim();

            var after = body[(m.Index + m.Length)..clauseEnd];
            var before = body[clauseStart..m.Index];
            var subject = after.StartsWith('的') ? NounAfter(after[1..])
                : after.Length > 0 && !after.StartsWith("以上", StringComparison.Ordinal) ? NounAfter(after)
                : NounBefore(before);
            if (subject.Length == 0) subject = NounBefore(before);
            var amount = decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            targets.Add(new PolicyTarget(m.Groups["q"].Value, amount, m.Groups["n"].Value, m.Groups["m"].Value + m.Groups["tail"].Value,
                subject, sentence, phrase));
        }
        return targets;
    }

    private static readonly char[] ClauseBreaks = ['，', '。', '；', '：', '、'];
    private static readonly char[] PhraseBreaks = ['，', '。', '；', '：'];

    private static string NounAfter(string text)
    {
        var stop = text.IndexOfAny(['的', '，', '。', '；', '、']);
        var noun = stop < 0 ? text : text[..stop];
        var digit = noun.IndexOfAny("0123456789".ToCharArray());
        if (digit >= 0) noun = noun[..digit];
        return Clean(noun);
    }

    private static string NounBefore(string text)
    {
        var de = text.LastIndexOf('的');
        return Clean(de >= 0 ? text[(de + 1)..] : text);
    }

    private static string Clean(string noun)
    {
        noun = noun.Replace("“", "").Replace("”", "").Trim();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var verb in LeadingVerbs)
                if (noun.Length > verb.Length && noun.StartsWith(verb, StringComparison.Ordinal)) { noun = noun[verb.Length..]; changed = true; }
            foreach (var verb in TrailingVerbs)
                if (noun.Length > verb.Length && noun.EndsWith(verb, StringComparison.Ordinal)) { noun = noun[..^verb.Length]; changed = true; }
        }
        return noun;
    }

    [GeneratedRegex(@"(?<q>不少于|不低于|至少|超过|超)?(?<n>[0-9]+(?:\.[0-9]+)?)(?<m>万美元|亿元|万元|个工作日|个|家|人|次|名)(?<tail>以上)?")]
    private static partial Regex Quantity();
}
