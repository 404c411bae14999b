using System.Text;
using InvestBot.Reporting;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Unit")]
public sealed class TargetTableReaderTests
{
    private const string Table = "单位,domesticCapital,备注\n潮阳街道,\"1,200\",\"含\"\"重点\"\"项目\"\n宝平街道,80,\n";

    static TargetTableReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string[][] Cells(TargetTable t)
    {
        Assert.Null(t.Error);
        return t.Rows.Select(r => r.Select(c => c ?? "").ToArray()).ToArray();
    }

    [Fact]
    public void Quoted_fields_keep_their_commas_and_quotes()
    {
        var rows = Cells(TargetTableReader.FromCsv(Table));

        Assert.Equal(["单位", "domesticCapital", "备注"], rows[0]);
        Assert.Equal(["潮阳街道", "1,200", "含\"重点\"项目"], rows[1]);
        Assert.Equal(["宝平街道", "80", ""], rows[2]);
    }

    [Fact]
    public void A_quoted_cell_may_span_lines_and_blank_lines_are_skipped()
    {
        var rows = Cells(TargetTableReader.FromCsv("单位,备注\n\n潮阳街道,\"第一行\n第二行\"\n \n"));

        Assert.Equal(2, rows.Length);
        Assert.Equal("第一行\n第二行", rows[1][1]);
    }

    [Theory]
    [InlineData("单位\tdomesticCapital\n潮阳街道\t1200")]
    [InlineData("单位，domesticCapital\n潮阳街道，1200")]
    [InlineData("\uFEFF单位,domesticCapital\r\n潮阳街道,1200\r\n")]
    public void Tabs_full_width_commas_CRLF_and_a_pasted_BOM_are_read(string text)
    {
        var rows = Cells(TargetTableReader.FromCsv(text));

        Assert.Equal(["单位", "domesticCapital"], rows[0]);
        Assert.Equal(["潮阳街道", "1200"], rows[1]);
    }

    [Fact]
    public void Bytes_are_decoded_by_BOM_then_UTF8_then_GB18030()
    {
        var utf8Bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Table)).ToArray();
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Table)).ToArray();
        var gb18030 = Encoding.GetEncoding("GB18030").GetBytes(Table);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(gb18030)); // really not UTF-8

        foreach (var bytes in new[] { utf8Bom, utf16, gb18030, Encoding.UTF8.GetBytes(Table) })
        {
            var rows = Cells(TargetTableReader.FromCsv(bytes));
            Assert.Equal("单位", rows[0][0]);
            Assert.Equal(["潮阳街道", "1,200", "含\"重点\"项目"], rows[1]);
        }
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_naming_the_row()
    {
        var table = TargetTableReader.FromCsv("单位,domesticCapital\n潮阳街道,\"1200\n宝平街道,80");

        Assert.Empty(table.Rows);
        Assert.Contains("表格格式不正确", table.Error);
    }

    [Fact]
    public void A_file_that_is_not_an_xlsx_is_an_error_not_an_exception()
    {
        var table = TargetTableReader.FromXlsx(new MemoryStream(Encoding.UTF8.GetBytes("这不是 Excel 文件")));

        Assert.Contains("无法读取这个 Excel 文件", table.Error);
    }

    [Theory]
    [InlineData("1,200", "1200")]
    [InlineData("12,345.5", "12345.5")]
    [InlineData("1,2", "1,2")]
    [InlineData("1200", "1200")]
    [InlineData("12,34,567", "12,34,567")]
    public void Only_exact_thousands_grouping_is_read_as_a_number(string cell, string expected) =>
        Assert.Equal(expected, TargetService.WithoutThousandsSeparators(cell));
}
