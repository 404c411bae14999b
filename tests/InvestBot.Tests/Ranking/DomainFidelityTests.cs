using InvestBot.Common;
using InvestBot.Knowledge;
using InvestBot.Ranking;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Ranking;

/// <summary>
/// Issue 19: who is ranked, reports and is summoned, and every reading labelled. Each test quotes the article its rule rests on
/// (checked against the notice's text) or asserts the “区合作交流办设定” label.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DomainFidelityTests
{
    private static readonly PolicyDocument Notice = PolicyDocumentParser.Load(RepoPaths.SourceData("baodi-investment-30-measures-2023.txt"));
    private static readonly string[] Lines = File.ReadAllLines(RepoPaths.SourceData("baodi-investment-30-measures-2023.txt"));

    /// <summary>The article's whole line in the notice, with its （责任单位：…）.</summary>
    private static string Article(int number)
    {
        var label = Notice.Article(number)!.Label;
        return Lines.Single(l => l.StartsWith(label, StringComparison.Ordinal));
    }

    private static string Id(string name) => RankingSamples.UnitId(name);

    [Fact]
    public void Supervising_bodies_do_not_report_and_are_never_ranked_citing_articles_26_and_9()
    {
        // （二十六）“…撰写督查报告呈报区级招商引资工作领导小组各位领导…（责任单位：区纪委监委、区委督查室、区合作交流办、区商务局）”
        Assert.Contains("（责任单位：区纪委监委、区委督查室", Article(26));
        // （九）的走出去招商组 and （二十八）“招商人员由区委组织部、合作交流办共同管理”
        Assert.Contains("（责任单位：区委组织部、区合作交流办）", Article(9));
        Assert.Contains("招商人员由区委组织部、合作交流办共同管理", Article(28));
        foreach (var (name, label) in new[] { ("区纪委监委", "（二十六）"), ("区委督查室", "（二十六）"), ("区委组织部", "（九）") })
        {
            var unit = RankingSamples.Units.FindByName(name)!;
            Assert.False(unit.Reports);
            Assert.StartsWith(label, unit.ReportsSource);
            Assert.DoesNotContain(RankingService.RankableUnits(RankingSamples.Units), u => u.Id == unit.Id);
        }
        Assert.Equal("区纪委监委不参与月度填报（依（二十六））。", RankingSamples.Units.FindByName("区纪委监委")!.NotReportingMessage);
        // Every unit that does not report says why, as an article or the office's setting.
        Assert.All(RankingSamples.Units.Units.Where(u => !u.Reports),
            u => Assert.True(RuleSource.IsArticle(u.ReportsSource) || RuleSource.IsOffice(u.ReportsSource), u.Name));
    }

    [Fact]
    public void Vertically_managed_units_report_but_are_not_ranked_or_summoned_as_an_office_setting()
    {
        foreach (var name in new[] { "区税务局", "市规划和自然资源局宝坻分局" })
        {
            var unit = RankingSamples.Units.FindByName(name)!;
            Assert.True(unit.Reports);
            var rule = RankingSamples.Rules.ForUnit(unit.Id)!;
            Assert.False(rule.Ranked);
            Assert.False(rule.Summoned);
            Assert.StartsWith(RuleSource.Office, rule.Source);
        }
        var result = RankingSamples.Rank(RankingSamples.Figures(3), 3);
        Assert.Null(result.Find(Id("区税务局")));
        Assert.Null(result.Find(Id("市规划和自然资源局宝坻分局")));
        Assert.DoesNotContain(result.Interview!.Summoned.Concat(result.Interview.Undecided), id => id is "dept-shuiwuj" or "dept-ghzy" or "dept-jwjw" or "dept-dcs" or "dept-zzb");
    }

    [Fact]
    public void A_unit_exempted_by_name_may_be_ranked_yet_never_summoned()
    {
        var rules = TestRules.Load(json => json.Replace("\"ranked\": false,\n      \"summoned\": false,\n      \"source\": \"区合作交流办设定：区税务局",
            "\"ranked\": true,\n      \"summoned\": false,\n      \"source\": \"区合作交流办设定：区税务局"));
        Assert.True(rules.ForUnit("dept-shuiwuj")!.Ranked);
        var calculator = new RankingCalculator(rules, RankingSamples.Catalog, RankingSamples.Requirements, RankingSamples.District);
        var reader = RankingSamples.Figures(3);
        // The tax bureau reports nothing in March 2023 beyond a zero: it would be last of all.
        var units = RankingService.RankableUnits(RankingSamples.Units);
        var zero = new FakeFiguresReader();
        foreach (var f in reader.All.Where(f => f.UnitId != "dept-shuiwuj")) zero.Submit(f.UnitId, f.Year, f.Month, f.Values.Select(v => (v.Key, v.Value)).ToArray());
        foreach (var (u, t) in reader.Targets) zero.Target(u, t.Select(x => (x.Key, x.Value)).ToArray());
        for (var m = 1; m <= 3; m++) zero.Submit("dept-shuiwuj", 2023, m, ("domesticCapital", 0m), ("domesticProjects", 0m));
        var result = calculator.Compute(new RankingPeriod(2023, 3), units, zero.All, zero.Targets);
        var tax = result.Find("dept-shuiwuj")!;
        Assert.NotNull(tax.Rank);
        Assert.False(tax.Interview);
        Assert.Equal(3, result.Interview!.Summoned.Count);
    }

    [Fact]
    public void Silence_is_no_escape_from_article_27_by_default_and_the_old_behaviour_is_an_office_setting()
    {
        // （二十七）“对于季度、半年、全年排名后三位的单位主官进行约谈”
        Assert.Contains("对于季度、半年、全年排名后三位的单位主官进行约谈", Article(27));
        Assert.Equal(NotReportedRule.RankLast, RankingSamples.Rules.NotReported.Value);
        Assert.StartsWith(RuleSource.Office, RankingSamples.Rules.NotReported.Source);
        Assert.Contains("（二十七）", RankingSamples.Rules.NotReported.Source);

        // Two towns silent at the end of the first quarter: ranked last in their category, tied, and summoned.
        string[] silent = [Id("黄庄镇"), Id("大钟庄镇")];
        var result = RankingSamples.Rank(RankingSamples.Figures(3, silent), 3);
        var towns = result.Categories.Single(c => c.Category == "街镇");
        var last = towns.RankedUnits.Max(u => u.Rank);
        Assert.All(silent, id => Assert.Equal(last, towns.Units.Single(u => u.UnitId == id).Rank));
        Assert.Equal(2, towns.Units.Count(u => u.Rank == last));
        Assert.Subset(result.Interview!.Summoned.ToHashSet(), silent.ToHashSet());

        // The office may switch back to the old behaviour: silent units neither ranked nor summoned.
        var old = TestRules.Load(json => json.Replace("\"value\": \"rankLast\"", "\"value\": \"exclude\""));
        Assert.Equal(NotReportedRule.Exclude, old.NotReported.Value);
        var before = new RankingCalculator(old, RankingSamples.Catalog, RankingSamples.Requirements, RankingSamples.District)
            .Compute(new RankingPeriod(2023, 3), RankingService.RankableUnits(RankingSamples.Units), RankingSamples.Figures(3, silent).All, RankingSamples.Figures(3, silent).Targets);
        Assert.All(silent, id => Assert.Null(before.Find(id)!.Rank));
        Assert.DoesNotContain(before.Interview!.Summoned, silent.Contains);
    }

    [Fact]
    public void Annual_targets_of_article_28_are_judged_only_at_the_year_end()
    {
        // （二十八）“每组每年对接落地项目实际投资到位总额不低于2亿元，引进各类注册企业总数不少于30个”
        Assert.Contains("每组每年对接落地项目实际投资到位总额不低于2亿元", Article(28));
        Assert.False(RankingSamples.Rank(RankingSamples.Figures(11), 11).YearEnd);
        Assert.True(RankingSamples.Rank(RankingSamples.Figures(12), 12).YearEnd);
        Assert.Equal(0.75m, RankingSamples.Rank(RankingSamples.Figures(9), 9).YearElapsed);
        // Not ranking the groups against each other is the office's setting, not （二十八）'s.
        Assert.StartsWith(RuleSource.Office, RankingSamples.Rules.For("走出去招商组")!.Source);
    }

    [Fact]
    public void Chain_leader_contacts_are_a_duty_of_district_leaders_not_a_unit_metric()
    {
        // （十五）“区领导可利用“亲清茶室”或实地走访企业等方式，每月至少联系所包保的区内行业龙头企业中的“链主”企业1次”
        Assert.Contains("每月至少联系所包保的区内行业龙头企业中的“链主”企业1次", Article(15));
        Assert.Contains("区领导可利用", Article(15));
        foreach (var kind in new[] { "town", "department", "platform", "outboundGroup" })
            Assert.DoesNotContain(RankingSamples.Catalog.ForKind(kind), m => m.Id == "chainLeaderContacts");
        Assert.All(RankingSamples.Rules.Categories, c => Assert.DoesNotContain(c.Weights, w => w.Key == "chainLeaderContacts"));
        var metric = RankingSamples.Catalog.Find("chainLeaderContacts")!; // kept, so stored figures stay readable
        Assert.StartsWith(RuleSource.Office, metric.ReportedBySource);
    }

    [Fact]
    public void Team_wording_follows_articles_7_and_8()
    {
        Assert.Contains("以上各单位要建立起不少于3人的行业招商队伍", Article(7));
        Assert.Contains("各街镇要建立起不少于5人的专业招商队伍", Article(8));
        string TeamName(string kind) => RankingSamples.Catalog.ForKind(kind).Single(m => m.Id == "teamSize").Name;
        Assert.Equal("行业招商队伍人数", TeamName("department"));
        Assert.Equal("专业招商队伍人数", TeamName("town"));
        Assert.Equal("专业招商队伍人数", TeamName("platform"));
    }

    [Fact]
    public void Readings_of_the_office_are_labelled_as_its_settings()
    {
        var rules = RankingSamples.Rules;
        // （二十七） names 季度、半年、全年, not months; counting the categories together is a reading too.
        Assert.StartsWith(RuleSource.Office, rules.Interview.PeriodsSource);
        Assert.StartsWith(RuleSource.Office, rules.Interview.Scope.Source);
        Assert.StartsWith(RuleSource.Office, rules.Interview.PublishNames.Source);
        Assert.True(rules.Interview.PublishNames.Value);
        // （一）“其中超亿元项目10个、超千万元项目98个”: nesting 超亿元 in 超千万元 is the office's reading.
        Assert.Contains("其中超亿元项目10个、超千万元项目98个", Article(1));
        Assert.StartsWith(RuleSource.Office, RankingSamples.Catalog.Find("domesticProjects100m")!.PartOfSource);
        Assert.StartsWith("（一）", RankingSamples.Catalog.Find("domesticProjects10m")!.PartOfSource);
        Assert.StartsWith(RuleSource.Office, RankingSamples.District.Attribution.Source);
        Assert.Equal(["town", "platform"], RankingSamples.District.Attribution.CountedKinds);
        // One spelling of the label everywhere in the code, the data and the docs.
        var root = Path.GetDirectoryName(RepoPaths.SourceData("units.json"))!;
        var repo = Path.GetFullPath(Path.Combine(root, "..", "..", ".."));
        var files = Directory.EnumerateFiles(Path.Combine(repo, "src"), "*.*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(repo, "docs"), "*.md"))
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".json") || f.EndsWith(".md")) && !f.Contains("/bin/") && !f.Contains("/obj/"));
        Assert.DoesNotContain(files, f => File.ReadAllText(f).Contains("区合作交流办设" + "置"));
    }

    [Fact]
    public void Smaller_points_the_investment_office_the_companies_and_3000_or_more()
    {
        // （五）“指挥部下设招商引资办公室，招商引资办公室设在区合作交流办，分管招商的副区长任主任”: a body of its own.
        Assert.Contains("招商引资办公室设在区合作交流办，分管招商的副区长任主任", Article(5));
        Assert.Null(RankingSamples.Units.FindByName("招商引资办公室"));
        // The document does not call the two companies 国有企业.
        Assert.DoesNotContain(RankingSamples.Units.Kinds, k => k.Name.Contains("国有"));
        // （一）“全年累计引进服务型总部型企业3000家以上”
        Assert.Contains("服务型总部型企业3000家以上", Article(1));
        Assert.True(RankingSamples.District.For(2023).Single(t => t.MetricId == "hqEnterprises").AtLeast);
    }
}
