using System.Text.Json.Nodes;
using InvestBot.KeyProjects;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Xunit;
using static InvestBot.Tests.KeyProjects.KeyProjectHarness;

namespace InvestBot.Tests.KeyProjects;

/// <summary>The data file's rules and their sources, the validator, the quarter parser and the stalled rule — no storage.</summary>
[Trait("Category", "Unit")]
public sealed class KeyProjectRulesTests
{
    private static readonly ProjectValidator Validator = new(Rules);

    [Fact]
    public void The_rules_cite_article_26_for_the_monthly_check_and_the_quarterly_report_and_10_to_13_for_the_industry_directions()
    {
        Assert.All(Rules.Articles.Values, s => Assert.Equal(26, s.Article));
        // （十）three chains, （十一）industries, （十二）农文旅 / 地产 / 商业, （十三）总部型注册企业 (issue 19: not only the chains).
        Assert.Equal([10, 10, 10, 11, 11, 11, 12, 12, 12, 13], Rules.Chains.Where(c => !c.Source.IsOfficeSetting).Select(c => c.Source.Article!.Value));
        Assert.Equal(["动力电池产业链", "智能装备产业链", "汽车配件产业链", "新一代信息技术产业", "新材料产业", "生物医药和医疗器械产业",
                "农文旅产业", "地产项目", "商业项目", "总部型注册企业", "其他产业"],
            Rules.Chains.Select(c => c.Name));
        Assert.Equal(["内资", "外资"], Rules.Kinds.Select(k => k.Name));
        Assert.Equal(["重点", "重大"], Rules.Levels.Select(l => l.Name));
        Assert.Equal(["在谈", "签约", "开工", "投产"], Rules.Stages.Select(s => s.Name));
        Assert.Equal("（二十六）“每季度通报重大招商项目推进情况”", Rules.Describe(Rules.Articles["quarterlyReport"]));
    }

    [Fact]
    public void The_coordination_groups_cite_article_6_and_check_findings_cite_article_26_while_the_units_own_problems_are_an_office_setting()
    {
        // （六）“建立重大基础设施项目、制造业项目、农文旅项目、地产项目、商业项目、教育卫生项目6个协调推动组”
        Assert.All(Rules.Groups, g => Assert.Equal(6, g.Source.Article));
        Assert.Equal(6, Rules.Groups.Count);
        Assert.Equal("未指定", Rules.GroupName(""));
        Assert.Equal("（二十六）“及时通报上级和本级检查发现的问题”", Rules.Describe(Rules.Articles["checkFindings"]));
        Assert.False(Rules.Articles.ContainsKey("problems")); // the units' 问题及需协调事项 is not what the article means
        Assert.StartsWith("区合作交流办设定：各单位每月更新进展时自报", Rules.Describe(Rules.Settings["unitProblems"]));
    }

    [Fact]
    public void What_the_document_does_not_say_is_marked_as_an_office_setting()
    {
        Assert.True(Rules.StagesSource.IsOfficeSetting);
        Assert.True(Rules.StalledMonthsSource.IsOfficeSetting);
        Assert.Equal(2, Rules.StalledMonths);
        Assert.All(Rules.Settings.Values, s => Assert.True(s.IsOfficeSetting));
        Assert.StartsWith("区合作交流办设定", Rules.Describe(Rules.StalledMonthsSource));
        Assert.Equal("（二十六）提高跟踪问效频率", Rules.Heading(26));
    }

    [Fact]
    public void Investment_is_in_the_unit_of_the_kinds_metric_in_metrics_json()
    {
        Assert.Equal(("domesticCapital", "万元"), (Rules.Kind("domestic")!.Metric.Id, Rules.Kind("domestic")!.Unit));
        Assert.Equal(("foreignCapital", "万美元"), (Rules.Kind("foreign")!.Metric.Id, Rules.Kind("foreign")!.Unit));
    }

    [Theory]
    [InlineData("chains", 0, "quote", "固态电池产业链", "不是（十）的原文")]
    [InlineData("articles", -1, "quote", "每月通报重大项目", "不是（二十六）的原文")]
    [InlineData("chains", 10, "source", "guess", "没有注明来源")]
    [InlineData("kinds", 0, "metric", "noSuchMetric", "不在 metrics.json 中")]
    public void A_misquoted_or_unsourced_rule_stops_the_bot_at_start_up(string list, int index, string field, string value, string message)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepoPaths.SourceData(KeyProjectRules.FileName)))!;
        var node = index < 0 ? json[list]!["monthlyCheck"]! : json[list]![index]!;
        node[field] = value;
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, KeyProjectRules.FileName);
        File.WriteAllText(path, json.ToJsonString());

        var e = Assert.Throws<InvalidDataException>(() => KeyProjectRules.Load(path, Catalog).Validate(Document));

        Assert.Contains(message, e.Message);
    }

    public static TheoryData<string, string, string> BadDetails => new()
    {
        { ProjectFields.TotalInvestment, "五亿", "请输入数字" },
        { ProjectFields.TotalInvestment, "1e9", "请输入数字" },
        { ProjectFields.TotalInvestment, "-5", "不能为负数" },
        { ProjectFields.TotalInvestment, "0", "超出合理范围" },
        { ProjectFields.TotalInvestment, "20000000", "超出合理范围（1–10000000 万元）" },
        { ProjectFields.TotalInvestment, "12.345", "最多保留 2 位小数" },
        { ProjectFields.Kind, "joint", "请选择内资或外资" },
        { ProjectFields.Chain, "新能源", "请从列表中选择产业方向" },
        { ProjectFields.Stage, "竣工", "请从列表中选择项目阶段" },
        { ProjectFields.Stage, "在谈", "请从列表中选择项目阶段" }, // the name is not the id
        { ProjectFields.Name, "", "请填写" },
        { ProjectFields.Name, new string('项', 51), "不能超过 50 个字" },
        { ProjectFields.Name, "项目\u0000名", "无法识别的字符" },
        { ProjectFields.ExpectedStart, "2023/06/30", "日期格式不正确" },
        { ProjectFields.ExpectedStart, "2023-02-30", "日期格式不正确" },
        { ProjectFields.ExpectedOperation, "2023-01-01", "不能早于预计开工日期" },
        { ProjectFields.ContactPhone, "打电话", "请填写正确的电话号码" },
        { ProjectFields.Contact, new string('人', 21), "不能超过 20 个字" },
    };

    [Theory]
    [MemberData(nameof(BadDetails))]
    public void Bad_project_details_get_a_message_next_to_the_field(string field, string value, string message)
    {
        var raw = DetailInputs();
        raw[field] = value;

        var result = Validator.Details(raw);

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Contains(message, result.Errors[field]);
    }

    [Fact]
    public void Foreign_projects_are_checked_in_万美元_against_their_own_ceiling()
    {
        var raw = DetailInputs(kind: "foreign", total: "2000000");

        Assert.Contains("超出合理范围（1–1000000 万美元）", Validator.Details(raw).Errors[ProjectFields.TotalInvestment]);
        raw[ProjectFields.TotalInvestment] = "3000";
        Assert.Equal(3000m, Validator.Details(raw).Value!.TotalInvestment);
    }

    [Fact]
    public void Good_details_parse_with_optional_dates()
    {
        var raw = DetailInputs(name: "  新材料 项目 ");
        raw[ProjectFields.ExpectedStart] = "";
        raw[ProjectFields.ExpectedOperation] = "";

        var d = Validator.Details(raw).Value!;

        Assert.Equal(("新材料 项目", "domestic", 50000m, "battery", "negotiating", (DateOnly?)null), (d.Name, d.Kind, d.TotalInvestment, d.Chain, d.Stage, d.ExpectedStart));
    }

    private static KeyProject Project(decimal total = 1000, decimal arrived = 0, string stage = "signed", string kind = "domestic",
        ReportingMonth? lastProgress = null) =>
        new("town-chaoyang", ProjectIds.New(), new ProjectDetails("项目", kind, total, "battery", stage, null, null, "李", "12345"), "", 1, arrived,
            new ReportingMonth(2023, 1), null, lastProgress ?? new ReportingMonth(2023, 1), "", "u", null, default, "u", null, default);

    [Theory]
    [InlineData("三百", "请输入数字")]
    [InlineData("-1", "不能为负数")]
    [InlineData("", FigureValidator.Required)]
    [InlineData("2000001", "超出合理范围")]
    [InlineData("901", "超过计划总投资 1000 万元")]
    public void Bad_progress_gets_a_message_next_to_the_field(string arrived, string message)
    {
        var result = Validator.Progress(Project(arrived: 100), ProgressInputs("started", arrived), replacing: 0);

        Assert.Contains(message, result.Errors[ProjectFields.Arrived]);
    }

    [Fact]
    public void A_correction_of_the_month_may_use_what_it_replaces_and_problems_have_a_length_limit()
    {
        Assert.True(Validator.Progress(Project(arrived: 100), ProgressInputs("started", "950"), replacing: 50).IsValid);
        Assert.Contains("不能超过 500 个字", Validator.Progress(Project(), ProgressInputs("started", "0", new string('难', 501)), 0).Errors[ProjectFields.Problems]);
        Assert.Contains("请从列表中选择项目阶段", Validator.Progress(Project(), ProgressInputs("done", "0"), 0).Errors[ProjectFields.Stage]);
    }

    [Theory]
    [InlineData("2023Q1", 2023, 1)]
    [InlineData("2023-Q2", 2023, 2)]
    [InlineData("2023年第三季度", 2023, 3)]
    [InlineData("2022年四季度", 2022, 4)]
    [InlineData("2023年第1季度", 2023, 1)]
    [InlineData("一季度", 2023, 1)] // today is 2023-04-03: the first quarter has ended
    [InlineData("二季度", 2022, 2)] // the second has not, so last year's
    [InlineData("q4", 2022, 4)]
    public void Quarters_parse_as_people_write_them(string text, int year, int quarter)
    {
        var (found, q) = ReportQuarter.Find(text, new DateOnly(2023, 4, 3));

        Assert.True(found);
        Assert.Equal(new ReportQuarter(year, quarter), q);
    }

    [Fact]
    public void Quarter_keys_labels_and_months()
    {
        var q = new ReportQuarter(2023, 1);
        Assert.Equal(("2023Q1", "2023年第一季度"), (q.Key, q.Label));
        Assert.Equal([new ReportingMonth(2023, 1), new ReportingMonth(2023, 2), new ReportingMonth(2023, 3)], q.Months);
        Assert.Equal(new ReportQuarter(2023, 1), ReportQuarter.LastEnded(new DateOnly(2023, 4, 1)));
        Assert.Equal(new ReportQuarter(2022, 4), ReportQuarter.LastEnded(new DateOnly(2023, 3, 31)));
        Assert.Equal((true, (ReportQuarter?)null), ReportQuarter.Find("第5季度", new DateOnly(2023, 4, 3)));
        Assert.False(ReportQuarter.Find("2023-03", new DateOnly(2023, 4, 3)).Found);
        Assert.Null(ReportQuarter.TryParseKey("2023Q5"));
        Assert.Null(ReportQuarter.TryParseKey("2023-Q1"));
        Assert.Equal(q, ReportQuarter.TryParseKey("2023Q1"));
    }

    [Fact]
    public void A_project_is_stalled_after_two_months_without_progress_unless_it_is_in_operation()
    {
        var march = new ReportingMonth(2023, 3);

        Assert.False(ProjectProgress.IsStalled(Project(lastProgress: new ReportingMonth(2023, 2)), march, Rules));
        Assert.True(ProjectProgress.IsStalled(Project(lastProgress: new ReportingMonth(2023, 1)), march, Rules));
        Assert.Equal(2, ProjectProgress.MonthsWithoutProgress(Project(lastProgress: new ReportingMonth(2023, 1)), march));
        Assert.False(ProjectProgress.IsStalled(Project(stage: "operating", lastProgress: new ReportingMonth(2022, 1)), march, Rules));
        Assert.False(ProjectProgress.IsStalled(Project(lastProgress: new ReportingMonth(2023, 4)), march, Rules));
    }

    [Fact]
    public void Progress_is_a_stage_advance_or_money_arriving()
    {
        ProgressUpdate U(string before, string after, decimal arrived) =>
            new("u", "p", new ReportingMonth(2023, 3), before, after, arrived, "", false, "u", null, default);

        Assert.True(ProjectProgress.IsProgress(U("signed", "started", 0), Rules));
        Assert.True(ProjectProgress.IsProgress(U("signed", "signed", 0.01m), Rules));
        Assert.False(ProjectProgress.IsProgress(U("signed", "signed", 0), Rules));
        Assert.False(ProjectProgress.IsProgress(U("started", "signed", 0), Rules)); // going back is not progress
    }
}

/// <summary>The bot refuses to start with a key-project rule the document does not say.</summary>
[Trait("Category", "Http")]
public sealed class KeyProjectRulesStartupTests
{
    [Fact]
    public async Task A_misquoted_rule_stops_the_start_up_with_its_message()
    {
        var data = Directory.CreateTempSubdirectory("investbot-data-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepoPaths.SourceData()))
                File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
            var rules = File.ReadAllText(Path.Combine(data, KeyProjectRules.FileName)).Replace("\"quote\": \"每季度通报重大招商项目推进情况\"", "\"quote\": \"每季度通报重点项目\"");
            File.WriteAllText(Path.Combine(data, KeyProjectRules.FileName), rules);
            await using var app = await BotApp.StartAsync(new Dictionary<string, string?> { ["InvestBot:DataDirectory"] = data });

            var e = Assert.ThrowsAny<Exception>(() => app.Server);

            Assert.Contains("“每季度通报重点项目”不是（二十六）的原文", e.ToString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
