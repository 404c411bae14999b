using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using InvestBot.Ranking;
using InvestBot.Ranking.Bulletin;
using InvestBot.Announcements;
using MiniExcelLibs;
using Xunit;

namespace InvestBot.Tests.Ranking;

/// <summary>The 招商引资情况通报表 of （二十五）: the .docx opened with the OpenXml SDK and the .xlsx with MiniExcel, checked against the snapshot.</summary>
[Trait("Category", "Unit")]
public sealed class RankingBulletinTests
{
    private static readonly RankingBulletin Bulletin = new(RankingSamples.Catalog, RankingSamples.Clock());

    /// <summary>The document's paragraphs (outside tables) and its tables as rows of cell texts.</summary>
    public sealed record WordContent(List<string> Paragraphs, List<List<List<string>>> Tables, string Xml, WordprocessingDocument Doc);

    public static WordContent ReadWord(byte[] bytes)
    {
        var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        static string TextOf(DocumentFormat.OpenXml.OpenXmlElement e) =>
            string.Join("\n", (e is Paragraph self ? [self] : e.Descendants<Paragraph>()).Select(p => string.Join("\n",
                p.Descendants<Run>().Select(r => string.Concat(r.Descendants<Text>().Select(t => t.Text))))));
        var paragraphs = body.Elements<Paragraph>().Select(TextOf).Where(t => t.Length > 0).ToList();
        var tables = body.Elements<Table>().Select(t => t.Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(TextOf).ToList()).ToList()).ToList();
        return new(paragraphs, tables, body.OuterXml, doc);
    }

    private static List<IDictionary<string, object>> Sheet(byte[] book, string sheet) =>
        new MemoryStream(book).Query(useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();

    private static Announcement Published(int month, int revision = 0, string[]? missing = null) =>
        RankingSamples.Announcement(RankingSamples.Rank(RankingSamples.Figures(month, missing), month), revision);

    /// <summary>Rank and unit of each unit's first row in a category's annex table (four rows per unit: 当月/累计/目标/完成率).</summary>
    private static List<(string Rank, string Unit)> AnnexUnits(List<List<string>> table) =>
        table.Skip(1).Where(r => r[4] == "当月").Select(r => (r[0], r[1].Split('\n')[0])).ToList();

    [Fact]
    public void The_word_document_is_a_notice_on_A4_with_title_office_date_page_numbers_and_fangsong_fonts()
    {
        var a = Published(2);
        var word = ReadWord(Bulletin.Word(a));

        Assert.Equal("宝坻区招商引资情况通报表（2023年2月）", word.Paragraphs[0]);
        Assert.Equal("区合作交流办　　2023年4月6日", word.Paragraphs[1]);
        Assert.Contains(word.Paragraphs, p => p.StartsWith("根据（二十五）", StringComparison.Ordinal) && p.Contains("2023年1—2月累计"));
        var sections = word.Doc.MainDocumentPart!.Document.Descendants<SectionProperties>().ToList();
        var portrait = sections[0].GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (portrait.Width!.Value, portrait.Height!.Value)); // A4
        Assert.Equal(PageOrientationValues.Landscape, sections[^1].GetFirstChild<PageSize>()!.Orient!.Value); // the 附表
        var footers = word.Doc.MainDocumentPart.FooterParts.Select(f => f.Footer.InnerText).ToList();
        Assert.Equal(2, footers.Count); // odd and even pages
        Assert.All(footers, f => Assert.Contains("PAGE", f));
        Assert.Contains("仿宋_GB2312", word.Xml);
        var fonts = word.Doc.MainDocumentPart.FontTablePart!.Fonts.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);
        Assert.Equal("仿宋", fonts["仿宋_GB2312"]);
        Assert.Equal("STFangsong", fonts["FangSong"]);
        // An ordinary month: no 约谈 paragraph.
        Assert.DoesNotContain(word.Paragraphs, p => p.Contains("约谈的单位") || p.Contains("末位约谈"));
        Assert.DoesNotContain("【更正】", string.Join("\n", word.Paragraphs));
    }

    [Fact]
    public void Each_category_has_its_table_with_units_in_rank_order_and_every_weighted_metrics_figures()
    {
        var missing = new[] { RankingSamples.UnitId("黄庄镇") };
        var a = Published(3, missing: missing);
        var word = ReadWord(Bulletin.Word(a));
        var ranked = a.Ranking.Categories.Where(c => c.RankedUnits.Any()).ToList();

        // The district tables' first, the 走出去 table, then one 附表 per ranked category.
        var annexes = word.Tables.Where(t => t[0].Count > 4 && t[0][4] == "项目").ToList();
        Assert.Equal(ranked.Count, annexes.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var category = ranked[i];
            Assert.Equal(category.RankedUnits.Select(u => (u.Rank!.Value.ToString(CultureInfo.InvariantCulture), u.UnitName)), AnnexUnits(annexes[i]));
            // Every weighted metric is a column, in the rules' order, with its weight.
            Assert.Equal(category.Weights.Count, annexes[i][0].Count - 5);
            Assert.Contains($"权重 {category.Weights[0].Weight:0.##}", annexes[i][0][5]);
        }
        // The first unit of 街镇: 当月, 累计, 目标, 完成率 of its first weighted metric as published, and its score.
        var first = ranked[0].RankedUnits.First();
        var metric = first.Metric(ranked[0].Weights[0].MetricId)!;
        var rows = annexes[0].Skip(1).Take(4).ToList();
        Assert.Equal(first.Score!.Value.ToString("0.00", CultureInfo.InvariantCulture), rows[0][2]);
        Assert.Equal(metric.ThisMonth!.Value.ToString("#,0.##", CultureInfo.InvariantCulture), rows[0][5]);
        Assert.Equal(("累计", metric.Actual.ToString("#,0.##", CultureInfo.InvariantCulture)), (rows[1][4], rows[1][5]));
        Assert.Equal(("目标", "1,000"), (rows[2][4], rows[2][5]));
        Assert.Equal(("完成率", (metric.Completion!.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%"), (rows[3][4], rows[3][5]));

        var text = string.Join("\n", word.Paragraphs);
        Assert.Contains("未报送单位（1 个）：黄庄镇", text);
        Assert.Contains("内资到位额：累计完成", text);
        Assert.Contains("（一）", text);
        Assert.Contains("单项最高按 150% 计，区合作交流办设定", text);
        Assert.Contains("街镇各指标权重（区合作交流办设定）：内资到位额 30", text);
        Assert.Contains("根据（二十八），每个走出去招商组年度目标为", text);
    }

    [Fact]
    public void The_interview_paragraph_citing_article_27_appears_at_quarter_ends_only()
    {
        var march = Published(3);
        var text = string.Join("\n", ReadWord(Bulletin.Word(march)).Paragraphs);
        Assert.Contains("三、末位约谈", text);
        var summoned = march.Ranking.Interviewed.Select(u => u.UnitName).ToList();
        Assert.NotEmpty(summoned);
        Assert.Contains($"根据（二十七）“对于季度、半年、全年排名后三位的单位主官进行约谈”，2023年第一季度排名后3位、列入约谈的单位为：{string.Join("、", summoned)}。", text);

        foreach (var month in new[] { 1, 2, 4, 5 })
        {
            var other = string.Join("\n", ReadWord(Bulletin.Word(Published(month))).Paragraphs);
            Assert.DoesNotContain("（二十七）", other);
            Assert.DoesNotContain("末位约谈", other);
        }
    }

    [Fact]
    public void A_correction_is_marked_as_such_in_both_formats()
    {
        var a = Published(3, revision: 1);
        var word = ReadWord(Bulletin.Word(a));
        Assert.Equal("【更正】", word.Paragraphs[0]);
        Assert.Equal("本通报表为第 1 次更正，替代此前发布的2023年3月通报表，请以本通报表为准。", word.Paragraphs[3]);
        Assert.Equal("招商引资情况通报表-2023-03-更正1.docx", RankingBulletin.FileName(a, "docx"));

        var summary = Sheet(Bulletin.Workbook(a), "通报");
        Assert.Equal("【更正】宝坻区招商引资情况通报表（2023年3月）", summary[0]["内容"]);
        Assert.Contains(summary, r => (string)r["项目"] == "更正" && ((string)r["内容"]).Contains("第 1 次更正"));
    }

    [Fact]
    public void The_workbook_holds_the_same_content_one_sheet_per_category_in_rank_order()
    {
        var a = Published(3);
        var book = Bulletin.Workbook(a);
        var summary = Sheet(book, "通报");
        Assert.Contains(summary, r => (string)r["项目"] == "末位约谈" && ((string)r["内容"]).Contains("（二十七）"));
        Assert.Contains(summary, r => (string)r["项目"] == "说明" && ((string)r["内容"]).Contains("区合作交流办设定"));

        foreach (var category in a.Ranking.Categories.Where(c => c.RankedUnits.Any()))
        {
            var rows = Sheet(book, category.Category);
            Assert.Equal(category.RankedUnits.Select(u => u.UnitName), rows.Select(r => (string)r["单位"]));
            Assert.Equal(category.RankedUnits.Select(u => (double)u.Rank!.Value), rows.Select(r => Convert.ToDouble(r["名次"])));
            var first = category.RankedUnits.First();
            Assert.Equal((double)first.Score!.Value, Convert.ToDouble(rows[0]["得分"]), 2);
            var metric = first.Metric(category.Weights[0].MetricId)!;
            var label = category.Weights[0].MetricId == "domesticCapital" ? "内资到位额（万元）" : null;
            if (label is not null)
            {
                Assert.Equal((double)metric.Actual, Convert.ToDouble(rows[0][$"{label}累计"]), 2);
                Assert.Equal((double)metric.ThisMonth!.Value, Convert.ToDouble(rows[0][$"{label}当月"]), 2);
            }
        }
        var groups = Sheet(book, "走出去招商组");
        Assert.Equal(a.Ranking.TargetChecks.Select(t => t.UnitName), groups.Select(r => (string)r["组别"]));
    }

    [Fact]
    public void Snapshots_published_before_weights_and_monthly_figures_were_kept_still_make_a_document()
    {
        var a = Published(3);
        var old = a with
        {
            Ranking = a.Ranking with
            {
                Categories = a.Ranking.Categories.Select(c => c with
                {
                    Weights = [],
                    Units = c.Units.Select(u => u with { Metrics = u.Metrics.Where(m => c.KeyFigures.Contains(m.MetricId)).Select(m => m with { ThisMonth = null }).ToList() }).ToList(),
                }).ToList(),
            },
        };
        var word = ReadWord(Bulletin.Word(old));
        var annex = word.Tables.First(t => t[0].Count > 4 && t[0][4] == "项目");
        Assert.Equal(old.Ranking.Categories[0].KeyFigures.Count, annex[0].Count - 5);
        Assert.Equal("—", annex[1][5]); // 当月 unknown
        Assert.NotEmpty(Bulletin.Workbook(old));
    }
}
