using InvestBot.KeyProjects;
using InvestBot.Reporting;
using MiniExcelLibs;
using Xunit;
using static InvestBot.Tests.KeyProjects.KeyProjectHarness;

namespace InvestBot.Tests.KeyProjects;

/// <summary>The ledger export and the quarter's 督查报告, read back from the .xlsx bytes.</summary>
[Trait("Category", "Integration")]
public sealed class KeyProjectWorkbookTests
{
    private static List<IDictionary<string, object>> Sheet(byte[] book, string sheet) =>
        new MemoryStream(book).Query(useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();

    [Fact]
    public async Task The_ledger_has_one_row_per_project_with_the_months_progress_and_stalled_ones_first()
    {
        var h = await StartAsync(2023, 1, 10);
        var zhang = await h.ReporterAsync("张三", Chaoyang);
        var idle = await h.RegisterAsync(zhang, Chaoyang, DetailInputs(name: "停滞项目", stage: "signed"));
        var busy = await h.RegisterAsync(zhang, Chaoyang, DetailInputs(name: "推进项目", kind: "foreign", total: "3000", stage: "negotiating"));
        h.SetToday(2023, 4, 3);
        await h.ProgressAsync(zhang, busy, "signed", "120.5", "外资备案待协调");
        _ = idle;

        var rows = Sheet(await h.Workbooks.LedgerAsync(new ReportingMonth(2023, 3)), "2023-03");

        Assert.Equal(["停滞项目", "推进项目"], rows.Select(r => (string)r["项目名称"]));
        Assert.Equal("是（2个月无进展）", rows[0]["停滞"]);
        Assert.Equal("未更新", rows[0]["2023年3月进展"]);
        Assert.Equal(("外资", "万美元", 3000d, 120.5d, "外资备案待协调", "待认定"),
            ((string)rows[1]["内资/外资"], (string)rows[1]["计量单位"], Convert.ToDouble(rows[1]["计划总投资"]), Convert.ToDouble(rows[1]["累计到位"]),
             (string)rows[1]["问题及需协调事项"], (string)rows[1]["级别"]));
        Assert.Equal("潮阳街道", rows[1]["单位"]);
    }

    /// <summary>Two 重大 projects of 潮阳街道 in 2023Q1: 电池项目 started with 2500 万元 and a problem; the other stalled. Today 2023-04-03.</summary>
    private static async Task<KeyProjectHarness> FirstQuarterWithAStalledMajorProjectAsync()
    {
        var h = await StartAsync(2023, 1, 10);
        var zhang = await h.ReporterAsync("张三", Chaoyang);
        var a = await h.MarkAsync(await h.RegisterAsync(zhang, Chaoyang, DetailInputs(name: "电池项目", total: "10000", stage: "signed")), "major");
        await h.MarkAsync(await h.RegisterAsync(zhang, Chaoyang, DetailInputs(name: "停滞的重大项目", stage: "started")), "major");
        h.SetToday(2023, 4, 3);
        await h.ProgressAsync(zhang, a, "started", "2500", "供电线路待协调");
        return h;
    }

    [Fact]
    public async Task The_supervision_report_addresses_the_leading_group_and_lists_stages_projects_problems_and_stalled_ones()
    {
        var h = await FirstQuarterWithAStalledMajorProjectAsync();

        var book = await h.Workbooks.SupervisionAsync(new ReportQuarter(2023, 1));

        var summary = Sheet(book, "报告").ToDictionary(r => (string)r["项目"], r => (string)r["内容"]);
        Assert.Equal("宝坻区重大招商项目推进情况督查报告（2023年第一季度）", summary["标题"]);
        Assert.Equal("区级招商引资工作领导小组各位领导", summary["呈报"]);
        Assert.Contains("（二十六）提高跟踪问效频率", summary["依据"]);
        Assert.Equal("2 个", summary["重大项目"]);
        Assert.Equal("内资 60000 万元", summary["计划总投资"]);
        Assert.Contains("1 个", summary["停滞项目"]);
        var stages = Sheet(book, "分阶段情况");
        var started = stages.Single(r => (string)r["阶段"] == "开工");
        Assert.Equal((2d, 60000d, 2500d), (Convert.ToDouble(started["项目数"]), Convert.ToDouble(started["内资计划总投资（万元）"]), Convert.ToDouble(started["内资累计到位（万元）"])));
        Assert.Equal("4.2%", started["内资到位率"]);
        Assert.Equal(["电池项目"], Sheet(book, "问题及需协调事项").Select(r => (string)r["项目名称"]));
        Assert.Equal(["停滞的重大项目"], Sheet(book, "停滞项目").Select(r => (string)r["项目名称"]));
        Assert.Equal(2, Sheet(book, "重大项目明细").Count);
    }

    [Fact]
    public async Task The_supervision_report_in_word_is_addressed_to_the_leading_group_with_a_written_summary_then_tables()
    {
        var h = await FirstQuarterWithAStalledMajorProjectAsync();

        var word = InvestBot.Tests.Ranking.RankingBulletinTests.ReadWord(await h.Supervision.BuildAsync(new ReportQuarter(2023, 1)));
        var text = string.Join("\n", word.Paragraphs);

        Assert.Equal("宝坻区重大招商项目推进情况督查报告（2023年第一季度）", word.Paragraphs[0]);
        Assert.Equal("区合作交流办　　2023年4月3日", word.Paragraphs[1]);
        Assert.Equal("呈报区级招商引资工作领导小组各位领导：", word.Paragraphs[2]);
        Assert.Contains("（二十六）提高跟踪问效频率", word.Paragraphs[3]);
        Assert.Contains("全区在库重大招商项目 2 个，其中在谈 0 个、签约 0 个、开工 2 个、投产 0 个。", text);
        Assert.Contains("内资项目计划总投资 60000 万元，本季度到位 2500 万元，累计到位 2500 万元，到位率 4.2%。", text);
        // 电池项目 went from 签约 to 开工 this quarter; the stalled one was registered as 开工 (not "newly started" by an update, but new in the ledger).
        Assert.Contains("本季度新开工 2 个：潮阳街道“停滞的重大项目”；潮阳街道“电池项目”。", text);
        Assert.Contains("本季度没有新投产的重大项目。", text);
        Assert.Contains("潮阳街道“停滞的重大项目”（开工阶段），已连续", text);
        Assert.Contains("本季度未报送问题，原因待责任单位说明。请潮阳街道限期说明情况、推进落实。", text);
        Assert.Contains("潮阳街道“电池项目”：供电线路待协调（2023年3月报送）。责任单位：潮阳街道", text);
        // Then the tables: by stage, and the project list as the landscape annex.
        var stages = word.Tables[0];
        Assert.Equal(["开工", "2", "60000 万元", "2500 万元", "0 万美元", "0 万美元"], stages.Single(r => r[0] == "开工"));
        Assert.Equal(["电池项目", "停滞的重大项目"], word.Tables[1].Skip(1).Select(r => r[2]).Order().Reverse().ToList());
    }

    [Fact]
    public async Task Empty_parts_say_so()
    {
        var h = await StartAsync();

        var book = await h.Workbooks.SupervisionAsync(new ReportQuarter(2023, 1));

        Assert.Equal("（无）", Sheet(book, "重大项目明细").Single()["项目名称"]);
        Assert.Equal("（无）", Sheet(book, "停滞项目").Single()["项目名称"]);
        Assert.Equal("0 个", Sheet(book, "报告").Single(r => (string)r["项目"] == "重大项目")["内容"]);
    }
}
