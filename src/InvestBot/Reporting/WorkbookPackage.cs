using System.IO.Compression;
using System.Xml;

namespace InvestBot.Reporting;

/// <summary>"A1"-style names of cells, the only thing from an uploaded file an error message may quote.</summary>
public static class CellName
{
    /// <param name="row">0-based.</param>
    /// <param name="column">0-based.</param>
    public static string Of(int row, int column) => Column(column + 1) + (row + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="number">1-based (1 = A, 27 = AA).</param>
    public static string Column(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26) name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }

    /// <summary>"XFD1048576" → (1048576, 16384); null for anything that is not a plain cell reference.</summary>
    public static (int Row, int Column)? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var i = 0;
        long column = 0, row = 0;
        for (; i < reference.Length && reference[i] is >= 'A' and <= 'Z'; i++)
            if ((column = column * 26 + reference[i] - 'A' + 1) > int.MaxValue) return null;
        if (i == 0 || i == reference.Length) return null;
        for (; i < reference.Length; i++)
        {
            if (reference[i] is < '0' or > '9') return null;
            if ((row = row * 10 + reference[i] - '0') > int.MaxValue) return null;
        }
        return ((int)row, (int)column);
    }
}

/// <summary>What an uploaded .xlsx may hold; checked on the zip's central directory and the sheets' XML before the
/// workbook is parsed (see docs/security.md).</summary>
/// <param name="MaxEntries">Parts in the zip package (a targets workbook saved by Excel has about 10–20).</param>
/// <param name="MaxUncompressedBytes">All parts together once decompressed.</param>
/// <param name="MaxRows">Rows of a sheet, by its declared dimension and by its cells.</param>
/// <param name="MaxColumns">Columns of a sheet, likewise.</param>
public sealed record WorkbookLimits(int MaxEntries, long MaxUncompressedBytes, int MaxRows, int MaxColumns)
{
    public static readonly WorkbookLimits Default = new(MaxEntries: 100, MaxUncompressedBytes: 10 * 1024 * 1024, MaxRows: 2000, MaxColumns: 100);
}

/// <summary>
/// Opens an uploaded .xlsx only within <see cref="WorkbookLimits"/>: the entry count and the declared uncompressed sizes
/// from the central directory first, then each part decompressed into a fresh package never beyond its declared size
/// (a zip whose headers lie is refused, not inflated), then every sheet's declared dimension and actual cell positions
/// read as a stream (no DTDs). Only a package that passes reaches the workbook parser, so a crafted file costs at most
/// the limits in memory. Problems are Chinese sentences that quote nothing from the file but a cell position.
/// </summary>
public static class WorkbookPackage
{
    /// <param name="Package">The checked copy to parse; null when refused.</param>
    /// <param name="Problem">Why it was refused, when a limit was the reason; null with no package: not a readable workbook.</param>
    public sealed record Checked(MemoryStream? Package, string? Problem);

    public const string SpreadsheetMl = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string StrictSpreadsheetMl = "http://purl.oclc.org/ooxml/spreadsheetml/main";

    public static Checked Open(byte[] bytes, WorkbookLimits limits)
    {
        try
        {
            using var source = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (source.Entries.Count > limits.MaxEntries)
                return Refused($"文件包含 {source.Entries.Count} 个部件，超过上限 {limits.MaxEntries} 个（不像是普通的目标表）。");
            var declared = source.Entries.Sum(e => Math.Max(e.Length, 0));
            if (declared > limits.MaxUncompressedBytes || source.Entries.Any(e => e.Length < 0))
                return Refused($"文件解压后超过 {Megabytes(limits.MaxUncompressedBytes)} MB（不像是普通的目标表）。");

            var copy = new MemoryStream();
            using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in source.Entries)
                {
                    var part = Inflate(entry);
                    if (part is null) return Refused("文件解压后的内容与其声明的大小不符（文件可能已损坏或被篡改）。");
                    // Every XML part, wherever it sits: the workbook's relationships, not the path, say which parts are sheets.
                    if (LooksLikeXml(part) && SheetProblem(part, limits) is { } problem) return Refused(problem);
                    var written = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression);
                    using var output = written.Open();
                    output.Write(part);
                }
            }
            copy.Position = 0;
            return new(copy, null);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException or ArgumentException)
        {
            return new(null, null);
        }
    }

    /// <summary>The part's bytes, read never past its declared length; null when it holds more than it declares.</summary>
    private static byte[]? Inflate(ZipArchiveEntry entry)
    {
        var buffer = new byte[entry.Length];
        using var input = entry.Open();
        var read = 0;
        while (read < buffer.Length && input.Read(buffer, read, buffer.Length - read) is var n and > 0) read += n;
        if (read < buffer.Length) return null;
        Span<byte> probe = stackalloc byte[1];
        return input.Read(probe) > 0 ? null : buffer;
    }

    private static bool LooksLikeXml(ReadOnlySpan<byte> part)
    {
        if (part.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) part = part[3..];
        part = part.TrimStart((ReadOnlySpan<byte>)[(byte)' ', (byte)'\r', (byte)'\n', (byte)'\t']);
        return !part.IsEmpty && part[0] == (byte)'<';
    }

    /// <summary>The sheet's declared dimension, then every row and cell position, against the limits.</summary>
    private static string? SheetProblem(byte[] xml, WorkbookLimits limits)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true,
        });
        int row = 0, column = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI is not (SpreadsheetMl or StrictSpreadsheetMl)) continue;
            switch (reader.LocalName)
            {
                case "dimension":
                    var range = reader.GetAttribute("ref") ?? "";
                    var last = CellName.Parse(range[(range.IndexOf(':') + 1)..]);
                    if (last is { } d && TooLarge(d.Row, d.Column, limits))
                        return $"工作表声明的范围到 {CellName.Column(d.Column)}{d.Row}，超过上限（最多 {limits.MaxRows} 行 × {limits.MaxColumns} 列）。";
                    break;
                case "row":
                    row = int.TryParse(reader.GetAttribute("r"), System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                    column = 0;
                    if (TooLarge(row, 1, limits))
                        return $"工作表在第 {row} 行仍有内容，超过上限（最多 {limits.MaxRows} 行 × {limits.MaxColumns} 列）。";
                    break;
                case "c":
                    // A cell without its own reference is the one after the previous cell of its row.
                    var cell = CellName.Parse(reader.GetAttribute("r")) ?? (Math.Max(row, 1), column + 1);
                    column = cell.Column;
                    if (TooLarge(cell.Row, cell.Column, limits))
                        return $"单元格 {CellName.Column(cell.Column)}{cell.Row} 超出上限（最多 {limits.MaxRows} 行 × {limits.MaxColumns} 列）。";
                    break;
            }
        }
        return null;
    }

    private static bool TooLarge(int row, int column, WorkbookLimits limits) => row > limits.MaxRows || column > limits.MaxColumns;

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static Checked Refused(string problem) => new(null, problem);
}
