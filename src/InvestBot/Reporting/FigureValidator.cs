using System.Globalization;
using System.Text.RegularExpressions;
using InvestBot.Common;

namespace InvestBot.Reporting;

/// <summary>The outcome of checking one form: parsed values when everything is right, otherwise a message per field.</summary>
public sealed record FigureValidation(IReadOnlyDictionary<string, decimal> Values, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>How amounts typed with 亿/万 or separators were read, by metric id ("1.5亿 → 15000 万元"): the receipt echoes them.</summary>
    public IReadOnlyDictionary<string, string> Conversions { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Server-side validation of a figures form. The card's min/max only help the user; this decides.
/// Plain decimal notation only: no exponents, NaN, Infinity, signs, or thousands separators.
/// </summary>
public static partial class FigureValidator
{
    public const int MaxLength = 20;

    /// <summary>An empty field: the one message for "nothing typed", distinct from every message about what was typed.</summary>
    public const string Required = "必填：没有发生请填 0";

    public static FigureValidation Validate(IReadOnlyList<Metric> metrics, IReadOnlyDictionary<string, string?> raw)
    {
        var values = new Dictionary<string, decimal>();
        var errors = new Dictionary<string, string>();
        var conversions = new Dictionary<string, string>();
        foreach (var metric in metrics)
        {
            raw.TryGetValue(metric.Id, out var text);
            var (value, error, conversion) = Read(metric, text);
            if (error is not null) errors[metric.Id] = error;
            else values[metric.Id] = value;
            if (error is null && conversion is not null) conversions[metric.Id] = conversion;
        }
        // "其中" figures are part of another figure and cannot exceed it.
        foreach (var metric in metrics.Where(m => m.PartOf is not null))
        {
            if (values.TryGetValue(metric.Id, out var part) && values.TryGetValue(metric.PartOf!, out var whole) && part > whole)
                errors[metric.Id] = $"不能大于“{metrics.First(m => m.Id == metric.PartOf).Name}”（{whole}）";
        }
        return new FigureValidation(errors.Count == 0 ? values : new Dictionary<string, decimal>(), errors) { Conversions = conversions };
    }

    /// <summary>One amount, as people write it (1.5亿, 8000万, 80,000), against one metric's rules, read as on the target
    /// card (<see cref="AmountText"/>); Error is null when the value is acceptable.</summary>
    public static (decimal Value, string? Error) ParseValue(Metric metric, string? text)
    {
        var (value, error, _) = Read(metric, text);
        return (value, error);
    }

    private static (decimal Value, string? Error, string? Conversion) Read(Metric metric, string? text)
    {
        var parsed = AmountText.Parse(text, metric, metric.Max);
        if (parsed.Error is not null) return (0, parsed.Error, null);
        return parsed.Value < metric.Min
            ? (0, $"超出合理范围（{metric.Min}–{metric.Max} {metric.Unit}），请核对", null)
            : (parsed.Value, null, parsed.Conversion);
    }

    public static (decimal Value, string? Error) ParseNumber(string? text, int decimals, decimal min, decimal max, string unit)
    {
        var s = TypedText.Normalize(text).Trim();
        if (s.Length == 0) return (0, Required);
        if (s.StartsWith('-') && PlainNumber().IsMatch(s[1..])) return (0, "不能为负数");
        if (Grouped().IsMatch(s)) return (0, $"请输入数字，不要加千分位逗号（例如写成 {s.Replace(",", "").Replace("，", "")}）");
        if (!PlainNumber().IsMatch(s)) return (0, "请输入数字，例如 12 或 3.5（不要带单位、文字或科学计数法）");
        var outOfRange = $"超出合理范围（{min}–{max} {unit}），请核对";
        if (s.Length > MaxLength || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return (0, outOfRange);
        var dot = s.IndexOf('.');
        var places = dot < 0 ? 0 : s[(dot + 1)..].TrimEnd('0').Length;
        if (places > decimals) return (0, decimals == 0 ? "必须是整数" : $"最多保留 {decimals} 位小数");
        if (value < min || value > max) return (0, outOfRange);
        return (value, null);
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainNumber();

    [GeneratedRegex(@"^[0-9]{1,3}([,，][0-9]{3})+(\.[0-9]+)?$")]
    private static partial Regex Grouped();
}
