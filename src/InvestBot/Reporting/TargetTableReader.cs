using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace InvestBot.Reporting;

/// <summary>An uploaded or pasted targets table as rows of cells, or why it could not be read (Chinese, for the admin).</summary>
public sealed record TargetTable(IReadOnlyList<IReadOnlyList<string?>> Rows, string? Error)
{
    public static TargetTable Failed(string error) => new([], error);
}

/// <summary>
/// Reads a targets table: .xlsx via MiniExcel, CSV via Sylvan.Data.Csv (quoted fields such as "1,200", embedded line
/// breaks, comma, tab or full-width comma separated). A CSV file's bytes are decoded by their byte-order mark, else as UTF-8
/// when they are valid UTF-8, else as GB18030 — what Excel on Chinese Windows saves as "CSV".
/// </summary>
public static class TargetTableReader
{
    public const long MaxBytes = 2 * 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TargetTableReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TargetTable FromXlsx(Stream stream)
    {
        try
        {
            return new(MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Select(row => (IReadOnlyList<string?>)row.Values.Select(v => v switch
                {
                    null => null,
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => v.ToString(),
                }).ToList())
                .ToList(), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return TargetTable.Failed("无法读取这个 Excel 文件（文件可能已损坏，或不是 .xlsx 格式）。请在 Excel 中另存为 .xlsx 后重试。");
        }
    }

    public static TargetTable FromCsv(byte[] bytes) => FromCsv(Decode(bytes));

    public static TargetTable FromCsv(string text)
    {
        text = text.TrimStart('\uFEFF');
        var delimiter = DelimiterOf(text);
        if (delimiter == '，') (text, delimiter) = (text.Replace('，', ','), ','); // the parser takes ASCII delimiters only
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = delimiter,
            ResultSetMode = ResultSetMode.SingleResult, // rows may differ in length (trailing empty cells left out)
        };
        var rows = new List<IReadOnlyList<string?>>();
        try
        {
            using var reader = CsvDataReader.Create(new StringReader(text), options);
            while (reader.Read())
            {
                var row = Enumerable.Range(0, reader.RowFieldCount).Select(i => (string?)reader.GetString(i).Trim()).ToList();
                if (row.Any(c => c!.Length > 0)) rows.Add(row);
            }
        }
        catch (CsvFormatException e)
        {
            return TargetTable.Failed($"表格格式不正确（第 {e.RowNumber} 行附近：引号未成对或单元格过长）。请检查该行后重新导入。");
        }
        return new(rows, null);
    }

    /// <summary>BOM first; otherwise UTF-8 if the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312).</summary>
    public static string Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(span[3..]);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(span[2..]);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(span[2..]);
        if (span.StartsWith((ReadOnlySpan<byte>)[0x84, 0x31, 0x95, 0x33])) return Encoding.GetEncoding("GB18030").GetString(span[4..]);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>From the first line with content: tab, comma, or the full-width comma people type in Chinese.</summary>
    private static char DelimiterOf(string text)
    {
        var first = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        return first.Contains('\t') ? '\t' : first.Contains(',') ? ',' : first.Contains('，') ? '，' : ',';
    }
}
