using System.IO.Compression;
using System.Text;

namespace InvestBot.Tests.Reporting;

/// <summary>Hand-made .xlsx packages (the parts Excel needs, inline strings), so a test controls every byte a crafted file holds.</summary>
public static class TinyXlsx
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook whose first sheet holds <paramref name="rows"/> (cell text as typed), with an optional declared dimension.</summary>
    public static byte[] Of(IReadOnlyList<string[]> rows, string? dimension = null)
    {
        var sheet = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\">");
        if (dimension is not null) sheet.Append($"<dimension ref=\"{dimension}\"/>");
        sheet.Append("<sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
                sheet.Append($"<c r=\"{(char)('A' + c)}{r + 1}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(rows[r][c])}</t></is></c>");
            sheet.Append("</row>");
        }
        sheet.Append("</sheetData></worksheet>");
        return Package(Encoding.UTF8.GetBytes(sheet.ToString()));
    }

    /// <summary>A package around the given sheet XML; <paramref name="extraParts"/> adds parts (name, bytes).</summary>
    public static byte[] Package(byte[] sheetXml, IEnumerable<(string Name, byte[] Bytes)>? extraParts = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(bytes);
            }
            Add("[Content_Types].xml", Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""));
            Add("_rels/.rels", Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Add("xl/workbook.xml", Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="目标" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Add("xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""));
            Add("xl/worksheets/sheet1.xml", sheetXml);
            foreach (var (name, bytes) in extraParts ?? []) Add(name, bytes);
        }
        return output.ToArray();
    }

    /// <summary>A zip bomb dressed as a workbook: a sheet followed by <paramref name="megabytes"/> MB of spaces in one
    /// well-compressed part (about 1,000:1).</summary>
    public static byte[] Bomb(int megabytes)
    {
        var spaces = new byte[megabytes * 1024 * 1024];
        Array.Fill(spaces, (byte)' ');
        var sheet = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData/></worksheet>");
        return Package(sheet, [("xl/sharedStrings.xml", spaces)], CompressionLevel.SmallestSize);
    }

    /// <summary>The package with every size field of the named part (local header, central directory) rewritten to
    /// <paramref name="declared"/>: a zip that lies about how much a part inflates to.</summary>
    public static byte[] WithDeclaredSize(byte[] package, string part, uint declared)
    {
        var bytes = (byte[])package.Clone();
        var name = Encoding.UTF8.GetBytes(part);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (bytes[i] != 'P' || bytes[i + 1] != 'K') continue;
            if (bytes[i + 2] == 3 && bytes[i + 3] == 4 && NameAt(bytes, i + 30, BitConverter.ToUInt16(bytes, i + 26), name))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), declared);
            if (bytes[i + 2] == 1 && bytes[i + 3] == 2 && NameAt(bytes, i + 46, BitConverter.ToUInt16(bytes, i + 28), name))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), declared);
        }
        return bytes;
    }

    private static bool NameAt(byte[] bytes, int offset, int length, byte[] name) =>
        length == name.Length && offset + length <= bytes.Length && bytes.AsSpan(offset, length).SequenceEqual(name);
}
