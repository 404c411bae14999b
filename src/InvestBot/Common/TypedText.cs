using System.Globalization;
using System.Text;

namespace InvestBot.Common;

/// <summary>
/// Text as Chinese input methods type it, made readable for the parsers of months, quarters, years and amounts:
/// NFKC (full-width letters and punctuation such as ２０２３－０３, ，, ．, ／ become their ASCII forms) and every Unicode
/// decimal digit (full-width, Arabic-Indic, Devanagari …) becomes 0–9. Parsers match [0-9], never \d, and run on this.
/// Only for parsing: what the user typed is echoed as typed.
/// </summary>
public static class TypedText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var s = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            char? replacement = c switch
            {
                >= '0' and <= '9' => null,
                '\u3000' => ' ',
                _ when CharUnicodeInfo.GetDecimalDigitValue(c) is var d and >= 0 => (char)('0' + d),
                _ => null,
            };
            if (replacement is null) { sb?.Append(c); continue; }
            sb ??= new StringBuilder(s, 0, i, s.Length);
            sb.Append(replacement.Value);
        }
        return sb?.ToString() ?? s;
    }
}
