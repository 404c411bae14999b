using System.Text;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>An uploaded .xlsx is opened only within its limits, checked before the workbook parser sees it.</summary>
[Trait("Category", "Unit")]
public sealed class WorkbookPackageTests
{
    private static readonly string[][] Targets = [["单位", "domesticProjects"], ["潮阳街道", "10"]];

    [Fact]
    public void A_plain_workbook_passes_and_reads_as_written()
    {
        var opened = WorkbookPackage.Open(TinyXlsx.Of(Targets, "A1:B2"), WorkbookLimits.Default);

        Assert.Null(opened.Problem);
        var rows = TargetTableReader.FromXlsx(opened.Package!).Rows;
        Assert.Equal(["潮阳街道", "10"], rows[1]);
    }

    [Fact]
    public void A_workbook_written_by_MiniExcel_passes()
    {
        var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new[] { new { 单位 = "潮阳街道", domesticProjects = 10 } });

        var opened = WorkbookPackage.Open(stream.ToArray(), WorkbookLimits.Default);

        Assert.Null(opened.Problem);
        Assert.NotNull(opened.Package);
    }

    [Fact]
    public void A_sheet_declaring_every_row_of_Excel_is_refused_before_parsing_naming_only_the_cell()
    {
        var opened = WorkbookPackage.Open(TinyXlsx.Of(Targets, "A1:L1048576"), WorkbookLimits.Default);

        Assert.Null(opened.Package);
        Assert.Equal("工作表声明的范围到 L1048576，超过上限（最多 2000 行 × 100 列）。", opened.Problem);
    }

    [Fact]
    public void A_cell_far_out_is_refused_even_without_a_declared_dimension()
    {
        var sheet = """<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>秘密</t></is></c></row></sheetData></worksheet>""";

        var opened = WorkbookPackage.Open(TinyXlsx.Package(Encoding.UTF8.GetBytes(sheet)), WorkbookLimits.Default);

        Assert.Null(opened.Package);
        Assert.Contains("XFD1", opened.Problem);
        Assert.DoesNotContain("秘密", opened.Problem);
    }

    [Fact]
    public void Cells_without_references_are_counted_along_their_row()
    {
        var cells = string.Concat(Enumerable.Repeat("<c><v>1</v></c>", 101));
        var sheet = $"""<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>{cells}</row></sheetData></worksheet>""";

        var opened = WorkbookPackage.Open(TinyXlsx.Package(Encoding.UTF8.GetBytes(sheet)), WorkbookLimits.Default);

        Assert.Contains("CW1", opened.Problem);
    }

    [Fact]
    public void A_zip_bomb_is_refused_from_its_central_directory_without_inflating()
    {
        var bomb = TinyXlsx.Bomb(64);
        Assert.True(bomb.Length < 200_000, $"the bomb is {bomb.Length} bytes");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var opened = WorkbookPackage.Open(bomb, WorkbookLimits.Default);

        Assert.Null(opened.Package);
        Assert.Equal("文件解压后超过 10 MB（不像是普通的目标表）。", opened.Problem);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4_000_000, "the bomb was not inflated");
    }

    [Fact]
    public void A_zip_that_understates_a_part_is_never_inflated_past_what_it_declares()
    {
        var lying = TinyXlsx.WithDeclaredSize(TinyXlsx.Bomb(64), "xl/sharedStrings.xml", 1000);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var opened = WorkbookPackage.Open(lying, WorkbookLimits.Default);

        // Refused, or (as .NET's inflater stops at the declared length) passed on cut to what it declared.
        if (opened.Package is { } package)
            Assert.Equal(1000, new System.IO.Compression.ZipArchive(package).GetEntry("xl/sharedStrings.xml")!.Length);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4_000_000, "the part was inflated past its declared size");
    }

    [Fact]
    public void Too_many_parts_are_refused()
    {
        var parts = Enumerable.Range(0, 150).Select(i => ($"xl/media/p{i}.bin", new byte[] { 1 }));

        var opened = WorkbookPackage.Open(TinyXlsx.Package(Encoding.UTF8.GetBytes("<worksheet/>"), parts), WorkbookLimits.Default);

        Assert.Equal("文件包含 155 个部件，超过上限 100 个（不像是普通的目标表）。", opened.Problem);
    }

    [Fact]
    public void A_part_with_a_DTD_is_unreadable_not_expanded()
    {
        var sheet = """<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>""";

        var opened = WorkbookPackage.Open(TinyXlsx.Package(Encoding.UTF8.GetBytes(sheet)), WorkbookLimits.Default);

        Assert.Equal((null, null), (opened.Package, opened.Problem));
    }

    [Theory]
    [InlineData("not a zip at all")]
    [InlineData("PK\u0003\u0004 truncated")]
    public void Bytes_that_are_not_a_package_are_unreadable(string content)
    {
        var opened = WorkbookPackage.Open(Encoding.UTF8.GetBytes(content), WorkbookLimits.Default);

        Assert.Equal((null, null), (opened.Package, opened.Problem));
    }

    [Theory]
    [InlineData(0, 0, "A1")]
    [InlineData(1047, 25, "Z1048")]
    [InlineData(2, 26, "AA3")]
    [InlineData(0, 16383, "XFD1")]
    public void Cells_are_named_as_in_Excel(int row, int column, string name)
    {
        Assert.Equal(name, CellName.Of(row, column));
        Assert.Equal((row + 1, column + 1), CellName.Parse(name));
    }
}

/// <summary>Which download URLs 导入目标 fetches at all.</summary>
[Trait("Category", "Unit")]
public sealed class FileHostsTests
{
    private static readonly string[] Hosts = ReportingOptions.DefaultImportHosts;

    [Theory]
    [InlineData("https://contoso.sharepoint.com/personal/a/Documents/t.xlsx", true)]
    [InlineData("https://contoso-my.sharepoint.com/personal/a/_layouts/15/download.aspx?UniqueId=1", true)]
    [InlineData("https://baodi.sharepoint.cn/sites/x/t.xlsx", true)]
    [InlineData("https://CONTOSO.SharePoint.COM/t.xlsx", true)]
    [InlineData("http://contoso.sharepoint.com/t.xlsx", false)]
    [InlineData("https://sharepoint.com/t.xlsx", false)]
    [InlineData("https://contoso.sharepoint.com.evil.example/t.xlsx", false)]
    [InlineData("https://evilsharepoint.com/t.xlsx", false)]
    [InlineData("https://contoso.sharepoint.com:8443/t.xlsx", false)]
    [InlineData("https://user:pw@contoso.sharepoint.com/t.xlsx", false)]
    [InlineData("https://127.0.0.1/t.xlsx", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("ftp://contoso.sharepoint.com/t.xlsx", false)]
    [InlineData("/files/t.xlsx", false)]
    [InlineData("", false)]
    public void Only_https_on_the_allowed_hosts(string url, bool allowed) =>
        Assert.Equal(allowed, FileHosts.Allows(url, Hosts, out _));

    [Fact]
    public void A_configured_list_replaces_the_default_and_takes_exact_names()
    {
        var options = new ReportingOptions { ImportHosts = ["files.baodi.gov.cn", " "] };

        Assert.Equal(["files.baodi.gov.cn"], options.EffectiveImportHosts);
        Assert.True(FileHosts.Allows("https://files.baodi.gov.cn/a.csv", options.EffectiveImportHosts, out _));
        Assert.False(FileHosts.Allows("https://x.files.baodi.gov.cn/a.csv", options.EffectiveImportHosts, out _));
        Assert.False(FileHosts.Allows("https://contoso.sharepoint.com/a.csv", options.EffectiveImportHosts, out _));
        Assert.Equal(Hosts, new ReportingOptions().EffectiveImportHosts);
    }
}
