using InvestBot.Ranking;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Ranking;

[Trait("Category", "Unit")]
public sealed class RankingCalculatorTests
{
    private static readonly MetricCatalog Catalog = MetricCatalog.Load(RepoPaths.SourceData("metrics.json"));

    // Small explicit rules so every expected number below can be checked by hand.
    private static readonly RankingRules Rules = new(1.5m, 3, new Dictionary<string, CategoryRule>
    {
        ["街镇"] = new([new("domesticCapital", 60), new("domesticProjects", 40)], ["domesticCapital", "domesticProjects"], new Dictionary<string, decimal>(), false),
        ["走出去招商组"] = new([new("groupInvestment", 60), new("groupEnterprises", 40)], ["groupInvestment", "groupEnterprises"],
            new Dictionary<string, decimal> { ["groupInvestment"] = 20000, ["groupEnterprises"] = 30 }, true),
    });

    private static readonly RankingCalculator Calculator = new(Rules, Catalog);

    private static List<RankableUnit> Towns(int n) =>
        Enumerable.Range(1, n).Select(i => new RankableUnit($"town-{i}", $"镇{i}", "街镇")).ToList();

    private static FakeFiguresReader WithTargets(IEnumerable<RankableUnit> units, decimal capital = 1000, decimal projects = 10)
    {
        var r = new FakeFiguresReader();
        foreach (var u in units) r.Target(u.Id, ("domesticCapital", capital), ("domesticProjects", projects));
        return r;
    }

    private static RankingResult Run(int month, IReadOnlyList<RankableUnit> units, FakeFiguresReader reader, int year = 2023) =>
        Calculator.Compute(new RankingPeriod(year, month), units, reader.All, reader.Targets);

    private static CategoryRanking Towns(RankingResult r) => Assert.Single(r.Categories, c => c.Category == "街镇");

    [Fact]
    public void Score_is_weighted_completion_of_year_to_date_against_annual_target()
    {
        var units = Towns(1);
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 1, ("domesticCapital", 200), ("domesticProjects", 1))
            .Submit("town-1", 2023, 2, ("domesticCapital", 300), ("domesticProjects", 4));
        var unit = Towns(Run(2, units, reader)).Units.Single();
        // capital 500/1000 = 0.5, projects 5/10 = 0.5 → 50
        Assert.Equal(50m, unit.Score);
        Assert.Equal(500m, unit.Metric("domesticCapital")!.Actual);
        Assert.Equal(0.5m, unit.Metric("domesticProjects")!.Completion);
    }

    [Fact]
    public void Higher_score_ranks_first_and_weights_matter()
    {
        var units = Towns(2);
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 1, ("domesticCapital", 100), ("domesticProjects", 9)) // 0.6*0.1+0.4*0.9 = 0.42
            .Submit("town-2", 2023, 1, ("domesticCapital", 900), ("domesticProjects", 1)); // 0.6*0.9+0.4*0.1 = 0.58
        var ranked = Towns(Run(1, units, reader)).Units;
        Assert.Equal(["town-2", "town-1"], ranked.Select(u => u.UnitId));
        Assert.Equal([1, 2], ranked.Select(u => u.Rank));
        Assert.Equal(58m, ranked[0].Score);
        Assert.Equal(42m, ranked[1].Score);
    }

    [Fact]
    public void Completion_is_capped_so_one_metric_cannot_carry_a_unit()
    {
        var units = Towns(2);
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 1, ("domesticCapital", 100000), ("domesticProjects", 0)) // capped 1.5*0.6 = 0.9
            .Submit("town-2", 2023, 1, ("domesticCapital", 1000), ("domesticProjects", 10)); // 1.0
        var ranked = Towns(Run(1, units, reader)).Units;
        Assert.Equal("town-2", ranked[0].UnitId);
        Assert.Equal(90m, ranked[1].Score);
        Assert.Equal(100m, ranked[1].Metric("domesticCapital")!.Completion); // the uncapped completion is still reported
    }

    [Fact]
    public void Equal_scores_are_broken_by_the_first_weighted_metric()
    {
        var units = Towns(2);
        // Same score 50 but town-2 has more of the heavier metric (capital).
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 1, ("domesticCapital", 1000 / 6m * 1), ("domesticProjects", 10))
            .Submit("town-2", 2023, 1, ("domesticCapital", 1000 * 5 / 6m), ("domesticProjects", 0));
        var ranked = Towns(Run(1, units, reader)).Units;
        Assert.Equal(ranked[0].Score, ranked[1].Score);
        Assert.Equal("town-2", ranked[0].UnitId);
        Assert.Equal([1, 2], ranked.Select(u => u.Rank));
    }

    [Fact]
    public void Fully_equal_units_share_a_rank_and_the_next_rank_is_skipped()
    {
        var units = Towns(3);
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 1, ("domesticCapital", 500), ("domesticProjects", 5))
            .Submit("town-2", 2023, 1, ("domesticCapital", 500), ("domesticProjects", 5))
            .Submit("town-3", 2023, 1, ("domesticCapital", 100), ("domesticProjects", 1));
        var ranked = Towns(Run(1, units, reader)).Units;
        Assert.Equal([1, 1, 3], ranked.Select(u => u.Rank));
        Assert.Equal(["town-1", "town-2", "town-3"], ranked.Select(u => u.UnitId)); // equal ones in directory order
    }

    [Fact]
    public void Unit_that_did_not_submit_this_month_ranks_last_even_with_a_better_year_so_far()
    {
        var units = Towns(3);
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 1, ("domesticCapital", 1000), ("domesticProjects", 10))
            .Submit("town-2", 2023, 2, ("domesticCapital", 10), ("domesticProjects", 0))
            .Submit("town-3", 2023, 2, ("domesticCapital", 20), ("domesticProjects", 0));
        var ranked = Towns(Run(2, units, reader)).Units;
        var last = ranked[^1];
        Assert.Equal("town-1", last.UnitId);
        Assert.False(last.Submitted);
        Assert.Null(last.Score);
        Assert.Equal(3, last.Rank);
        Assert.Single(Towns(Run(2, units, reader)).NotSubmitted);
    }

    [Fact]
    public void Several_missing_units_share_the_last_rank()
    {
        var units = Towns(4);
        var reader = WithTargets(units).Submit("town-3", 2023, 1, ("domesticCapital", 1), ("domesticProjects", 0));
        var ranked = Towns(Run(1, units, reader)).Units;
        Assert.Equal("town-3", ranked[0].UnitId);
        Assert.Equal([1, 2, 2, 2], ranked.Select(u => u.Rank));
        Assert.Equal(3, ranked.Count(u => !u.Submitted));
    }

    [Fact]
    public void No_submissions_at_all_lists_every_unit_as_missing()
    {
        var units = Towns(5);
        var ranked = Towns(Run(3, units, WithTargets(units))).Units;
        Assert.All(ranked, u => { Assert.False(u.Submitted); Assert.Equal(1, u.Rank); Assert.Null(u.Score); });
        Assert.Equal(5, ranked.Count);
    }

    [Fact]
    public void Missing_target_leaves_that_metric_out_of_the_score()
    {
        var units = Towns(1);
        var reader = new FakeFiguresReader().Target("town-1", ("domesticCapital", 1000)) // no projects target
            .Submit("town-1", 2023, 1, ("domesticCapital", 800), ("domesticProjects", 99));
        var unit = Towns(Run(1, units, reader)).Units.Single();
        Assert.Equal(80m, unit.Score);
        Assert.Null(unit.Metric("domesticProjects")!.Target);
        Assert.Null(unit.Metric("domesticProjects")!.Completion);
    }

    [Fact]
    public void Zero_target_is_not_divided_by_and_does_not_count()
    {
        var units = Towns(1);
        var reader = new FakeFiguresReader().Target("town-1", ("domesticCapital", 0), ("domesticProjects", 10))
            .Submit("town-1", 2023, 1, ("domesticCapital", 500), ("domesticProjects", 3));
        var unit = Towns(Run(1, units, reader)).Units.Single();
        Assert.Equal(30m, unit.Score);
        Assert.Equal(0m, unit.Metric("domesticCapital")!.Target);
        Assert.Null(unit.Metric("domesticCapital")!.Completion);
    }

    [Fact]
    public void Submitted_unit_without_any_target_ranks_after_scored_units_but_before_missing_ones()
    {
        var units = Towns(3);
        var reader = new FakeFiguresReader()
            .Target("town-1", ("domesticCapital", 1000)).Target("town-3", ("domesticCapital", 1000))
            .Submit("town-1", 2023, 1, ("domesticCapital", 1))
            .Submit("town-2", 2023, 1, ("domesticCapital", 900)); // no target at all
        var ranked = Towns(Run(1, units, reader)).Units;
        Assert.Equal(["town-1", "town-2", "town-3"], ranked.Select(u => u.UnitId));
        Assert.Equal([1, 2, 3], ranked.Select(u => u.Rank));
        Assert.False(ranked[1].HasTargets);
        Assert.True(ranked[1].Submitted);
        Assert.False(ranked[2].Submitted);
    }

    [Fact]
    public void Stock_metric_takes_the_latest_month_and_cumulative_metric_sums()
    {
        var ytd = YearToDate.Of(
        [
            new UnitMonthFigures("u", 2023, 1, new Dictionary<string, decimal> { ["teamSize"] = 5, ["domesticCapital"] = 10 }, false, default),
            new UnitMonthFigures("u", 2023, 3, new Dictionary<string, decimal> { ["teamSize"] = 7, ["domesticCapital"] = 15 }, false, default),
            new UnitMonthFigures("u", 2023, 2, new Dictionary<string, decimal> { ["teamSize"] = 9, ["domesticCapital"] = 1 }, false, default),
            new UnitMonthFigures("u", 2023, 4, new Dictionary<string, decimal> { ["teamSize"] = 100, ["domesticCapital"] = 1000 }, false, default),
        ], 3, Catalog);
        Assert.Equal(7m, ytd["teamSize"]);
        Assert.Equal(26m, ytd["domesticCapital"]);
    }

    [Fact]
    public void Unit_added_mid_year_is_ranked_on_what_it_reported_since_joining()
    {
        var units = Towns(2);
        var reader = WithTargets(units);
        for (var m = 1; m <= 6; m++) reader.Submit("town-1", 2023, m, ("domesticCapital", 50), ("domesticProjects", 0));
        reader.Submit("town-2", 2023, 5, ("domesticCapital", 400), ("domesticProjects", 0))
              .Submit("town-2", 2023, 6, ("domesticCapital", 400), ("domesticProjects", 0));
        var result = Run(6, units, reader);
        var newcomer = result.Find("town-2")!;
        Assert.True(newcomer.Submitted);
        Assert.Equal(800m, newcomer.Metric("domesticCapital")!.Actual);
        Assert.Equal(1, newcomer.Rank);
        Assert.Equal(300m, result.Find("town-1")!.Metric("domesticCapital")!.Actual);
        // Before it joined it was listed as missing, so its change since May is shown.
        Assert.Equal(1, newcomer.PreviousRank);
        var april = Run(4, units, reader).Find("town-2")!;
        Assert.False(april.Submitted);
    }

    [Fact]
    public void Rank_change_compares_with_the_previous_month_of_the_same_year()
    {
        var units = Towns(2);
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 1, ("domesticCapital", 500), ("domesticProjects", 5))
            .Submit("town-2", 2023, 1, ("domesticCapital", 100), ("domesticProjects", 1))
            .Submit("town-1", 2023, 2, ("domesticCapital", 0), ("domesticProjects", 0))
            .Submit("town-2", 2023, 2, ("domesticCapital", 800), ("domesticProjects", 8));
        var feb = Run(2, units, reader);
        Assert.Equal(1, feb.Find("town-2")!.RankChange);
        Assert.Equal(-1, feb.Find("town-1")!.RankChange);
        Assert.Null(Run(1, units, reader).Find("town-1")!.RankChange); // January: no previous month in the year
    }

    [Fact]
    public void A_unit_that_did_not_report_last_month_shows_no_rank_change()
    {
        var units = Towns(3);
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 1, ("domesticCapital", 500), ("domesticProjects", 5))
            .Submit("town-1", 2023, 2, ("domesticCapital", 0), ("domesticProjects", 0))
            .Submit("town-2", 2023, 2, ("domesticCapital", 800), ("domesticProjects", 8));
        var feb = Run(2, units, reader);
        Assert.Equal(-1, feb.Find("town-1")!.RankChange);
        Assert.Null(feb.Find("town-2")!.RankChange); // 未报送 in January
        Assert.Null(feb.Find("town-3")!.RankChange); // 未报送 both months
    }

    [Fact]
    public void Figures_of_other_years_and_later_months_are_ignored()
    {
        var units = Towns(1);
        var reader = WithTargets(units)
            .Submit("town-1", 2022, 12, ("domesticCapital", 999))
            .Submit("town-1", 2023, 1, ("domesticCapital", 100), ("domesticProjects", 0))
            .Submit("town-1", 2023, 2, ("domesticCapital", 100), ("domesticProjects", 0));
        Assert.Equal(100m, Run(1, units, reader).Find("town-1")!.Metric("domesticCapital")!.Actual);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(6, true)]
    [InlineData(9, true)]
    [InlineData(11, false)]
    [InlineData(12, true)]
    public void Bottom_three_are_flagged_only_at_quarter_half_year_and_year_end(int month, bool expected)
    {
        var units = Towns(8);
        var reader = WithTargets(units);
        for (var i = 1; i <= 8; i++) reader.Submit($"town-{i}", 2023, month, ("domesticCapital", 100 * i), ("domesticProjects", 0));
        var ranked = Towns(Run(month, units, reader)).Units;
        var flagged = ranked.Where(u => u.Interview).Select(u => u.UnitId).OrderBy(x => x).ToList();
        if (expected) Assert.Equal(["town-1", "town-2", "town-3"], flagged);
        else Assert.Empty(flagged);
    }

    [Fact]
    public void Missing_units_are_among_the_bottom_three_and_ties_at_the_boundary_are_all_summoned()
    {
        var units = Towns(7);
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 3, ("domesticCapital", 900), ("domesticProjects", 9))
            .Submit("town-2", 2023, 3, ("domesticCapital", 800), ("domesticProjects", 8))
            .Submit("town-3", 2023, 3, ("domesticCapital", 300), ("domesticProjects", 3))
            .Submit("town-4", 2023, 3, ("domesticCapital", 300), ("domesticProjects", 3))
            .Submit("town-5", 2023, 3, ("domesticCapital", 700), ("domesticProjects", 7));
        // town-6, town-7 missing (rank 6); town-3/town-4 tie at rank 4 → the third from bottom is tied, both summoned.
        var ranked = Towns(Run(3, units, reader)).Units;
        Assert.Equal(["town-3", "town-4", "town-6", "town-7"], ranked.Where(u => u.Interview).Select(u => u.UnitId).OrderBy(x => x));
    }

    [Fact]
    public void Small_category_never_summons_more_than_half()
    {
        var units = new List<RankableUnit> { new("p1", "开发区", "街镇"), new("p2", "科技城", "街镇") };
        var reader = WithTargets(units)
            .Submit("p1", 2023, 12, ("domesticCapital", 900), ("domesticProjects", 9))
            .Submit("p2", 2023, 12, ("domesticCapital", 100), ("domesticProjects", 1));
        var ranked = Towns(Run(12, units, reader)).Units;
        Assert.Equal(["p2"], ranked.Where(u => u.Interview).Select(u => u.UnitId));
    }

    [Fact]
    public void Outbound_groups_use_the_article_targets_by_default_and_are_checked_against_them()
    {
        var units = new List<RankableUnit> { new("g1", "京津冀区域招商组", "走出去招商组"), new("g2", "国外组", "走出去招商组") };
        var reader = new FakeFiguresReader()
            .Submit("g1", 2023, 1, ("groupInvestment", 15000), ("groupEnterprises", 20))
            .Submit("g1", 2023, 2, ("groupInvestment", 5000), ("groupEnterprises", 10))
            .Submit("g2", 2023, 2, ("groupInvestment", 19999.99m), ("groupEnterprises", 31));
        var result = Run(2, units, reader);
        var g1 = Assert.Single(result.TargetChecks, c => c.UnitId == "g1");
        var g2 = Assert.Single(result.TargetChecks, c => c.UnitId == "g2");
        Assert.True(g1.Met);                 // exactly 2 亿元 and 30 enterprises: met
        Assert.False(g2.Met);                // 1 分钱 short of 2 亿元
        Assert.True(g2.Metrics.Single(m => m.MetricId == "groupEnterprises").Completion >= 1);
        Assert.Equal(100m, result.Find("g1")!.Score);
    }

    [Fact]
    public void Admin_entered_target_overrides_the_default_target()
    {
        var units = new List<RankableUnit> { new("g1", "京津冀区域招商组", "走出去招商组") };
        var reader = new FakeFiguresReader().Target("g1", ("groupInvestment", 40000))
            .Submit("g1", 2023, 1, ("groupInvestment", 20000), ("groupEnterprises", 30));
        var unit = Run(1, units, reader).Find("g1")!;
        Assert.Equal(40000m, unit.Metric("groupInvestment")!.Target);
        Assert.Equal(70m, unit.Score); // 0.6*0.5 + 0.4*1
        // The article's check still uses the fixed 2 亿元 requirement.
        Assert.True(Run(1, units, reader).TargetChecks.Single().Met);
    }

    [Fact]
    public void Categories_are_ranked_separately_and_units_of_unknown_categories_are_skipped()
    {
        var units = new List<RankableUnit> { new("t", "镇", "街镇"), new("g", "组", "走出去招商组"), new("x", "某", "未配置类别") };
        var reader = WithTargets(units.Take(1)).Submit("t", 2023, 1, ("domesticCapital", 1))
            .Submit("g", 2023, 1, ("groupInvestment", 1));
        var result = Run(1, units, reader);
        Assert.Equal(["街镇", "走出去招商组"], result.Categories.Select(c => c.Category));
        Assert.All(result.Categories, c => Assert.Equal(1, c.Units.Single().Rank));
        Assert.Null(result.Find("x"));
    }
}

[Trait("Category", "Unit")]
public sealed class RankingPeriodAndRulesTests
{
    [Theory]
    [InlineData("2023-03", 2023, 3)]
    [InlineData("2023-3", 2023, 3)]
    [InlineData("2023年3月", 2023, 3)]
    [InlineData("2023/12", 2023, 12)]
    [InlineData("202311", 2023, 11)]
    public void Parses_period(string text, int year, int month)
    {
        Assert.True(RankingPeriod.TryParse(text, out var p));
        Assert.Equal(new RankingPeriod(year, month), p);
    }

    [Theory]
    [InlineData("2023-13")]
    [InlineData("2023-00")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1999-01")]
    [InlineData("2023-03' or 1 eq 1")]
    public void Rejects_bad_periods(string text) => Assert.False(RankingPeriod.TryParse(text, out _));

    [Theory]
    [InlineData(3, PeriodKind.Quarter, "2023年第一季度")]
    [InlineData(6, PeriodKind.HalfYear, "2023年上半年")]
    [InlineData(9, PeriodKind.Quarter, "2023年第三季度")]
    [InlineData(12, PeriodKind.Year, "2023年度")]
    [InlineData(5, PeriodKind.Month, "2023年5月")]
    public void Period_kind_and_label(int month, PeriodKind kind, string label)
    {
        var p = new RankingPeriod(2023, month);
        Assert.Equal(kind, p.Kind);
        Assert.Equal(label, p.PeriodLabel);
    }

    [Fact]
    public void Shipped_weights_file_loads_and_references_only_known_metrics()
    {
        var rules = RankingRules.Load(RepoPaths.SourceData("ranking-weights.json"));
        rules.Validate(MetricCatalog.Load(RepoPaths.SourceData("metrics.json")));
        Assert.Equal(["街镇", "区直部门", "载体单位", "走出去招商组"], rules.Categories.Keys);
        var outbound = rules.For("走出去招商组")!;
        Assert.True(outbound.TargetCheck);
        Assert.Equal(20000m, outbound.DefaultTargets["groupInvestment"]);
        Assert.Equal(30m, outbound.DefaultTargets["groupEnterprises"]);
    }

    [Fact]
    public void Weights_file_with_an_unknown_metric_is_rejected()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "w.json");
        File.WriteAllText(path, """{ "completionCap": 1.5, "interviewCount": 3, "categories": { "街镇": { "weights": { "noSuchMetric": 1 } } } }""");
        var rules = RankingRules.Load(path);
        var e = Assert.Throws<InvalidDataException>(() => rules.Validate(MetricCatalog.Load(RepoPaths.SourceData("metrics.json"))));
        Assert.Contains("noSuchMetric", e.Message);
    }
}
