namespace InvestBot.Knowledge;

/// <summary>
/// Reads the small Chinese numerals the notice and its readers use (一 … 九十九, 两, 零, 〇, also 百),
/// and Arabic digits including full-width ones. Returns null for anything else rather than guessing.
/// </summary>
public static class ChineseNumber
{
    private const string Digits = "零一二三四五六七八九";

    public static bool IsNumeralChar(char c) => Digits.Contains(c) || c is '〇' or '两' or '十' or '百';

    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = NormalizeDigits(text.Trim());
        if (s.All(char.IsAsciiDigit))
            return s.Length <= 6 ? int.Parse(s) : null;
        if (!s.All(IsNumeralChar)) return null;

        var total = 0;
        var current = -1; // the digit waiting for its unit; -1 = none yet
        var lastUnit = int.MaxValue;
        foreach (var c in s)
        {
            var unit = c switch { '十' => 10, '百' => 100, _ => 0 };
            if (unit == 0)
            {
                if (current >= 0 && !(current == 0)) return null; // two digits in a row (二三) is not a number
                current = DigitOf(c);
                continue;
            }
            if (unit >= lastUnit) return null; // 十十, 十百
            total += (current < 0 ? 1 : current) * unit; // 十 alone means 一十
            if (current == 0) return null; // 零十
            current = -1;
            lastUnit = unit;
        }
        if (current > 0) total += current;
        if (current == 0 && total == 0 && s.Length == 1) return 0;
        return total;
    }

    /// <summary>Full-width digits (２２) become ASCII (22).</summary>
    public static string NormalizeDigits(string text)
    {
        if (!text.Any(c => c is >= '０' and <= '９')) return text;
        return string.Concat(text.Select(c => c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c));
    }

    /// <summary>22 → 二十二, as the document writes article labels.</summary>
    public static string ToChinese(int n)
    {
        if (n < 0 || n > 999) throw new ArgumentOutOfRangeException(nameof(n));
        if (n < 10) return Digits[n].ToString();
        if (n < 20) return "十" + (n % 10 == 0 ? "" : Digits[n % 10].ToString());
        if (n < 100) return Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10].ToString());
        var rest = n % 100;
        var head = Digits[n / 100] + "百";
        if (rest == 0) return head;
        return head + (rest < 10 ? "零" + Digits[rest] : rest < 20 ? "一" + ToChinese(rest) : ToChinese(rest));
    }

    private static int DigitOf(char c) => c switch
    {
        '〇' => 0,
        '两' => 2,
        _ => Digits.IndexOf(c),
    };
}
