using System.Globalization;
using System.Text.RegularExpressions;
using InvestBot.Common;

namespace InvestBot.Reporting;

/// <summary>An amount read from what an official typed, in the metric's unit; Conversion echoes how it was read ("8亿 → 80000 万元").</summary>
public sealed record ParsedAmount(decimal Value, string? Conversion, string? Error);

/// <summary>
/// Amounts as officials write them in targets and opening balances: "8亿", "8000万", "1.2亿元", "500万美元", "80,000",
/// converted into the metric's unit (内资到位额 is in 万元: 8亿 → 80000). A plain number is already in the metric's unit.
/// Money words must match the metric's currency (元 / 美元); counts take 万/亿 as multipliers and their own unit word.
/// </summary>
public static partial class AmountText
{
    public const int MaxLength = 30;

    private static readonly Dictionary<string, decimal> Magnitudes = new()
    {
        ["亿"] = 100_000_000m, ["千万"] = 10_000_000m, ["百万"] = 1_000_000m, ["万"] = 10_000m,
    };

    public static ParsedAmount Parse(string? text, Metric metric, decimal max)
    {
        var s = TypedText.Normalize(text).Trim();
        if (s.Length == 0) return Fail(FigureValidator.Required);
        if (s.StartsWith('-') || s.StartsWith('－')) return Fail("不能为负数");
        if (s.Length > MaxLength || Shape().Match(s) is not { Success: true } m)
            return Fail($"请输入数字，例如 {Example(metric)}（可写“亿”“万”和千分位逗号，不要写其他文字）");
        var digits = m.Groups["num"].Value;
        if (digits.Contains(',') || digits.Contains('，'))
        {
            if (!Grouped().IsMatch(digits)) return Fail("请输入数字：千分位逗号的位置不对，请写成 80,000 或 80000");
            digits = digits.Replace(",", "").Replace("，", "");
        }
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return Fail(OutOfRange(metric, max, null));

        var magnitude = m.Groups["mag"].Success ? Magnitudes[m.Groups["mag"].Value] : 1m;
        var word = m.Groups["unit"].Success ? m.Groups["unit"].Value : null;
        var (scale, currency) = UnitOf(metric);
        decimal value;
        if (currency is null)
        {
            if (word is not null && word != metric.Unit) return Fail($"该项以“{metric.Unit}”计，不能写“{word}”");
            value = number * magnitude;
        }
        else
        {
            if (word is not null && word != currency) return Fail($"该项以“{metric.Unit}”计，不能写“{word}”");
            // "8000" alone is already in 万元; "8000元" or "8000万" name their own size.
            value = word is null && !m.Groups["mag"].Success ? number : number * magnitude / scale;
        }
        var conversion = Plain(s, value) ? null : $"{s} → {FigureFormService.Format(Math.Round(value, Math.Max(metric.Decimals, 0)))} {metric.Unit}";
        if (value > max) return Fail(OutOfRange(metric, max, conversion));
        var places = value.Scale > 0 ? value.ToString(CultureInfo.InvariantCulture).TrimEnd('0').Split('.').ElementAtOrDefault(1)?.Length ?? 0 : 0;
        if (places > metric.Decimals)
            return Fail((conversion is null ? "" : conversion + "，") + (metric.Decimals == 0 ? "必须是整数" : $"最多保留 {metric.Decimals} 位小数"));
        return new ParsedAmount(value, conversion, null);
    }

    /// <summary>万元 → (10000, 元); 万美元 → (10000, 美元); 元 → (1, 元); counts → (1, null).</summary>
    private static (decimal Scale, string? Currency) UnitOf(Metric metric)
    {
        var unit = metric.Unit;
        var scale = 1m;
        foreach (var (word, size) in Magnitudes.OrderByDescending(p => p.Key.Length))
            if (unit.StartsWith(word, StringComparison.Ordinal) && unit.Length > word.Length)
            {
                scale = size;
                unit = unit[word.Length..];
                break;
            }
        return unit is "元" or "美元" ? (scale, unit) : (1m, null);
    }

    private static bool Plain(string text, decimal value) =>
        PlainNumber().IsMatch(text) && decimal.Parse(text, CultureInfo.InvariantCulture) == value;

    private static string Example(Metric metric) => UnitOf(metric).Currency is null ? "30" : "8亿、8000万 或 80,000";

    private static string OutOfRange(Metric metric, decimal max, string? conversion) =>
        (conversion is null ? "" : conversion + "，") + $"超出合理范围（0–{FigureFormService.Format(max)} {metric.Unit}），请核对";

    private static ParsedAmount Fail(string error) => new(0, null, error);

    [GeneratedRegex(@"^(?<num>[0-9][0-9,，]*(?:\.[0-9]+)?)\s*(?<mag>亿|千万|百万|万)?\s*(?<unit>美元|元|个|家|人|次)?$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"^[0-9]{1,3}([,，][0-9]{3})+(\.[0-9]+)?$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainNumber();
}
