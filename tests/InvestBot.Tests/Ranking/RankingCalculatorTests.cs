using InvestBot.Ranking;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Ranking;

[Trait("Category", "Unit")]
public sealed class RankingCalculatorTests
{
    private static readonly MetricCatalog Catalog = MetricCatalog.Load(RepoPaths.SourceData("metrics.json"));

    // Small explicit rules so every expected number below can be checked by hand: towns summoned per category, missing ranked last.
    private static readonly RankingCalculator Calculator = new(TestRules.Make(), Catalog, RankingSamples.Requirements, DistrictTargets.None);

    private static RankingCalculator With(RankingRules rules) => new(rules, Catalog, RankingSamples.Requirements, DistrictTargets.None);

    private static List<RankableUnit> Towns(int n) =>
        Enumerable.Range(1, n).Select(i => new RankableUnit($"town-{i}", $"镇{i}", "街镇", "town")).ToList();

    private static FakeFiguresReader WithTargets(IEnumerable<RankableUnit> units, decimal capital = 1000, decimal projects = 10)
    {
        var r = new FakeFiguresReader();
        foreach (var u in units) r.Target(u.Id, ("domesticCapital", capital), ("domesticProjects", projects));
        return r;
    }

    private static RankingResult Run(int month, IReadOnlyList<RankableUnit> units, FakeFiguresReader reader, int year = 2023,
        RankingCalculator? calculator = null) =>
        (calculator ?? Calculator).Compute(new RankingPeriod(year, month), units, reader.All, reader.Targets);

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

        // Under the shipped rule (exclude) the same unit is not ranked at all, only listed apart.
        var excluded = Towns(Run(2, units, reader, calculator: With(TestRules.Make(notReported: NotReportedRule.Exclude)))).Units;
        Assert.Null(excluded.Single(u => u.UnitId == "town-1").Rank);
        Assert.Equal([1, 2], excluded.Where(u => u.Ranked).Select(u => u.Rank!.Value));
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
    public void No_submissions_at_all_lists_every_unit_as_missing_and_summons_nobody()
    {
        var units = Towns(5);
        var result = Run(3, units, WithTargets(units));
        Assert.All(Towns(result).Units, u => { Assert.False(u.Submitted); Assert.Equal(1, u.Rank); Assert.Null(u.Score); });
        Assert.Equal(5, Towns(result).Units.Count);
        // All five tie for last: taking them all would exceed the limit, so none is summoned and the office decides.
        Assert.Empty(result.Interview!.Summoned);
        Assert.Equal(5, result.Interview.Undecided.Count);
        Assert.Empty(Towns(result).Interviewed);

        var excluded = Run(3, units, WithTargets(units), calculator: With(TestRules.Make(notReported: NotReportedRule.Exclude)));
        Assert.All(Towns(excluded).Units, u => Assert.Null(u.Rank));
        Assert.Empty(excluded.Interview!.Summoned);
        Assert.Empty(excluded.Interview.Undecided);
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
    public void Submitted_unit_without_any_target_is_not_ranked_and_listed_apart()
    {
        var units = Towns(3);
        var reader = new FakeFiguresReader()
            .Target("town-1", ("domesticCapital", 1000)).Target("town-3", ("domesticCapital", 1000))
            .Submit("town-1", 2023, 1, ("domesticCapital", 1))
            .Submit("town-2", 2023, 1, ("domesticCapital", 900)); // no target at all
        var category = Towns(Run(1, units, reader));
        var ranked = category.Units;
        Assert.Equal(["town-1", "town-3", "town-2"], ranked.Select(u => u.UnitId));
        Assert.Equal([1, 2, null], ranked.Select(u => u.Rank)); // missing last (rankLast), no-target never ranked
        Assert.False(ranked[2].HasTargets);
        Assert.True(ranked[2].Submitted);
        Assert.Equal(["town-2"], category.WithoutTargets.Select(u => u.UnitId));
        // With a 900 it would have led the table: without a target it cannot be compared, whatever it reported.
        Assert.Null(ranked[2].Score);
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
    public void Missing_units_ranked_last_are_summoned_first_and_a_tie_that_would_exceed_three_is_left_to_the_office()
    {
        var units = Towns(7);
        var reader = WithTargets(units)
            .Submit("town-1", 2023, 3, ("domesticCapital", 900), ("domesticProjects", 9))
            .Submit("town-2", 2023, 3, ("domesticCapital", 800), ("domesticProjects", 8))
            .Submit("town-3", 2023, 3, ("domesticCapital", 300), ("domesticProjects", 3))
            .Submit("town-4", 2023, 3, ("domesticCapital", 300), ("domesticProjects", 3))
            .Submit("town-5", 2023, 3, ("domesticCapital", 700), ("domesticProjects", 7));
        // town-6, town-7 missing (rank 6, ranked last under this rule); town-3/town-4 tie at rank 4: two plus two would be
        // four, more than three, so the tied pair is not summoned but named for the office to decide.
        var result = Run(3, units, reader);
        Assert.Equal(["town-6", "town-7"], Towns(result).Units.Where(u => u.Interview).Select(u => u.UnitId).OrderBy(x => x));
        Assert.Equal(["town-3", "town-4"], result.Interview!.Undecided.Order());
        Assert.True(result.Interview.Summoned.Count <= 3);
    }

    [Fact]
    public void A_quarter_end_with_the_shipped_rules_summons_at_most_three_units_overall_and_no_group()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(3), 3);
        var summoned = result.Interviewed.ToList();
        Assert.Equal(RankingSamples.Rules.Interview.Count.Value, summoned.Count); // （二十七）“后三位的单位”: three, not three per category
        Assert.Equal(3, summoned.Count);
        var groups = RankingSamples.Units.OfKind("outboundGroup").Select(u => u.Id).ToHashSet();
        Assert.DoesNotContain(summoned, u => groups.Contains(u.UnitId));
        // They are the three lowest scores among the summoned categories taken together.
        var lowest = result.Categories.Where(c => c.Summoned).SelectMany(c => c.RankedUnits).OrderBy(u => u.Score).Take(3).Select(u => u.UnitId);
        Assert.Equal(lowest.Order(), summoned.Select(u => u.UnitId).Order());
    }

    [Fact]
    public void Early_in_use_with_few_units_ranked_nobody_is_summoned_automatically()
    {
        // Only four units of the 39 in the summoned categories reported against targets: "the last three" of four is no ranking.
        // (44 named units less the supervising bodies, which do not report, and the vertically managed ones, not summoned.)
        // The 35 silent ones are ranked last under rankLast, but only units that reported count towards the share.
        var reader = new FakeFiguresReader();
        foreach (var name in new[] { "宝平街道", "潮阳街道", "大口屯镇", "区商务局" })
        {
            var id = RankingSamples.UnitId(name);
            reader.Target(id, ("domesticCapital", 100)).Submit(id, 2023, 3, ("domesticCapital", name.Length * 10));
        }
        var result = RankingSamples.Rank(reader, 3);
        Assert.True(result.Interview!.TooFewRanked);
        Assert.Equal((4, 39), (result.Interview.Ranked, result.Interview.Eligible));
        Assert.Empty(result.Interview.Summoned);
        Assert.Empty(result.Interviewed);
    }

    [Fact]
    public void Units_tied_at_equal_scores_across_categories_are_left_to_the_office_overall()
    {
        var units = new List<RankableUnit>
        {
            new("t1", "镇1", "街镇", "town"), new("t2", "镇2", "街镇", "town"), new("t3", "镇3", "街镇", "town"),
            new("d1", "局1", "区直部门", "department"), new("d2", "局2", "区直部门", "department"), new("d3", "局3", "区直部门", "department"),
        };
        var reader = WithTargets(units);
        foreach (var (id, capital) in new[] { ("t1", 900), ("t2", 100), ("t3", 500), ("d1", 900), ("d2", 100), ("d3", 800) })
            reader.Submit(id, 2023, 6, ("domesticCapital", capital), ("domesticProjects", 0));
        var result = Run(6, units, reader, calculator: With(TestRules.Make(scope: InterviewScope.Overall, withDepartments: true)));
        // t2 and d2 share the lowest score (6.00) in different categories: one tier of two, then t3 (30.00) alone.
        Assert.Equal(["d2", "t2", "t3"], result.Interview!.Summoned.Order());
        Assert.Empty(result.Interview.Undecided);

        var two = Run(6, units, reader, calculator: With(TestRules.Make(count: 1, scope: InterviewScope.Overall, withDepartments: true)));
        Assert.Empty(two.Interview!.Summoned);                      // one place, two units that cannot be told apart
        Assert.Equal(["d2", "t2"], two.Interview.Undecided.Order());
    }

    [Fact]
    public void The_interview_key_changes_when_the_list_changes()
    {
        var a = RankingSamples.Rank(RankingSamples.Figures(3), 3);
        var reader = RankingSamples.Figures(3);
        var first = a.Interviewed.First();
        reader.Submit(first.UnitId, 2023, 3, ("domesticCapital", 99999), ("domesticProjects", 999));
        var b = RankingSamples.Rank(reader, 3);
        Assert.Equal(a.InterviewKey, RankingSamples.Rank(RankingSamples.Figures(3), 3).InterviewKey);
        Assert.NotEqual(a.InterviewKey, b.InterviewKey);
        Assert.Equal("none", RankingSamples.Rank(RankingSamples.Figures(2), 2).InterviewKey);
    }

    [Fact]
    public void A_town_with_4_investment_staff_is_below_the_article_8_minimum()
    {
        var units = new List<RankableUnit> { new("town-chaoyang", "潮阳街道", "街镇", "town"), new("dept-swj", "区商务局", "区直部门", "department") };
        var reader = new FakeFiguresReader()
            .Submit("town-chaoyang", 2023, 1, ("teamSize", 6)).Submit("town-chaoyang", 2023, 2, ("teamSize", 4))
            .Submit("dept-swj", 2023, 2, ("teamSize", 3));
        var shortfall = Assert.Single(RankingSamples.Calculator.Compute(new RankingPeriod(2023, 2), units, reader.All, reader.Targets).Shortfalls);
        Assert.Equal(("town-chaoyang", 4m, 5m), (shortfall.UnitId, shortfall.Actual, shortfall.Minimum)); // the latest figure counts
        Assert.StartsWith("（八）", shortfall.Source);
    }

    [Fact]
    public void District_year_to_date_is_compared_only_with_the_totals_the_notice_sets()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(2), 2);
        Assert.Equal(["domesticProjects", "domesticProjects10m", "domesticProjects100m", "domesticCapital", "hqEnterprises", "foreignEnterprises", "foreignCapital"],
            result.District.Select(d => d.MetricId));
        var capital = result.District.Single(d => d.MetricId == "domesticCapital");
        Assert.Equal(2000000m, capital.Target);
        // Attribution (district-targets.json, 区合作交流办设定): the 街镇 and 载体单位 where projects land are added; the 区直部门
        // (ranked or not) are 协助引进, apart, so a project reported by a town and a department is not counted twice.
        Assert.Equal(result.Categories.Where(c => c.Category is "街镇" or "载体单位").SelectMany(c => c.Units).Sum(u => u.Metric("domesticCapital")?.Actual ?? 0), capital.Actual);
        var departments = RankingService.RankableUnits(RankingSamples.Units).Where(u => u.Kind == "department").Select(u => u.Id).ToHashSet();
        Assert.Equal(RankingSamples.Figures(2).All.Where(f => departments.Contains(f.UnitId)).Sum(f => f.Values.GetValueOrDefault("domesticCapital")), capital.Assisted);
        Assert.True(capital.Assisted > 0);
        Assert.StartsWith("全区累计只加街镇、载体单位的数字（项目落地单位），区直部门的数字为协助引进，另列不相加", result.DistrictAttribution);
        Assert.EndsWith("（区合作交流办设定）", result.DistrictAttribution);
        Assert.StartsWith(InvestBot.Common.RuleSource.Office, RankingSamples.District.Attribution.Source);
        Assert.True(result.District.Single(d => d.MetricId == "hqEnterprises").AtLeast); // （一）“3000家以上”
        Assert.Empty(RankingSamples.Rank(RankingSamples.Figures(2, year: 2026), 2, year: 2026).District); // the notice sets 2023's
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
    public void Outbound_groups_are_checked_against_article_28_and_never_ranked_or_summoned()
    {
        var units = new List<RankableUnit>
        {
            new("group-jjj", "京津冀区域招商组", "走出去招商组", "outboundGroup"), new("group-gw", "国外组", "走出去招商组", "outboundGroup"),
        };
        var reader = new FakeFiguresReader()
            .Submit("group-jjj", 2023, 2, ("groupInvestment", 15000), ("groupEnterprises", 20))
            .Submit("group-jjj", 2023, 3, ("groupInvestment", 5000), ("groupEnterprises", 10))
            .Submit("group-gw", 2023, 3, ("groupInvestment", 19999.99m), ("groupEnterprises", 31));
        var result = RankingSamples.Calculator.Compute(new RankingPeriod(2023, 3), units, reader.All, reader.Targets);
        var jjj = Assert.Single(result.TargetChecks, c => c.UnitId == "group-jjj");
        var gw = Assert.Single(result.TargetChecks, c => c.UnitId == "group-gw");
        Assert.True(jjj.Met);                 // exactly 2 亿元 (20000 万元) and 30 个: met
        Assert.False(gw.Met);                 // 1 分钱 short of 2 亿元: 未达标
        Assert.Equal(20000m, gw.Metrics.Single(m => m.MetricId == "groupInvestment").Target);
        Assert.Equal(30m, gw.Metrics.Single(m => m.MetricId == "groupEnterprises").Target);
        // A quarter end, yet the groups are neither ranked nor summoned.
        Assert.Null(result.Find("group-jjj"));
        Assert.Empty(result.Interview!.Summoned);
        Assert.Empty(result.Categories);
    }

    [Fact]
    public void Platforms_are_scored_against_article_3_targets_unless_admins_entered_their_own()
    {
        var units = new List<RankableUnit>
        {
            new("platform-kfq", "宝坻经济开发区管委会", "载体单位", "platform"), new("platform-kjc", "京津中关村科技城管委会", "载体单位", "platform"),
        };
        var reader = new FakeFiguresReader()
            .Submit("platform-kfq", 2023, 1, ("physicalProjects", 25), ("marketEntities", 250))
            .Submit("platform-kjc", 2023, 1, ("physicalProjects", 15), ("marketEntities", 100))
            .Target("platform-kjc", ("physicalProjects", 60)); // the admin's own target overrides （三）'s 30
        var result = RankingSamples.Calculator.Compute(new RankingPeriod(2023, 1), units, reader.All, reader.Targets);
        var kfq = result.Find("platform-kfq")!;
        Assert.Equal(50m, kfq.Metric("physicalProjects")!.Target);   // （三）开发区 50 个
        Assert.Equal(500m, kfq.Metric("marketEntities")!.Target);    // （三）不少于 500 家
        Assert.Equal(0.5m, kfq.Metric("physicalProjects")!.Completion);
        var kjc = result.Find("platform-kjc")!;
        Assert.Equal(60m, kjc.Metric("physicalProjects")!.Target);
        Assert.Equal(500m, kjc.Metric("marketEntities")!.Target);    // （三）科技城 不少于 500 家
        Assert.True(kfq.HasTargets && kjc.HasTargets);
        // The document's targets are for 2023 only (年内): in 2024 nothing is assumed.
        var next = RankingSamples.Calculator.Compute(new RankingPeriod(2024, 1), units,
            [new UnitMonthFigures("platform-kfq", 2024, 1, new Dictionary<string, decimal> { ["physicalProjects"] = 5 }, false, default)],
            new Dictionary<string, IReadOnlyDictionary<string, decimal>>());
        Assert.False(next.Find("platform-kfq")!.HasTargets);
    }

    [Fact]
    public void Categories_are_ranked_separately_and_units_of_unknown_categories_are_skipped()
    {
        var units = new List<RankableUnit>
        {
            new("d", "局", "区直部门", "department"), new("t", "镇", "街镇", "town"), new("x", "某", "未配置类别"),
        };
        var reader = WithTargets(units.Take(2)).Submit("t", 2023, 1, ("domesticCapital", 1)).Submit("d", 2023, 1, ("domesticCapital", 1));
        var result = Run(1, units, reader, calculator: With(TestRules.Make(withDepartments: true)));
        // The order of the rules file (街镇 first), not the order of the directory.
        Assert.Equal(["街镇", "区直部门"], result.Categories.Select(c => c.Category));
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
        Assert.Equal(["街镇", "区直部门", "载体单位", "走出去招商组"], rules.Categories.Select(c => c.Name));
        var outbound = rules.For("走出去招商组")!;
        Assert.False(outbound.Ranked);
        Assert.False(outbound.Summoned);
    }

    [Fact]
    public void Weights_file_with_an_unknown_metric_is_rejected()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            TestRules.Load(w => w.Replace("\"domesticCapital\": 30, \"domesticProjects\": 20", "\"noSuchMetric\": 30, \"domesticProjects\": 20"))
                .Validate(MetricCatalog.Load(RepoPaths.SourceData("metrics.json"))));
        Assert.Contains("noSuchMetric", e.Message);
    }

    [Theory]
    [InlineData("\"countSource\": \"（二十七）“排名后三位的单位”\",", "")]
    [InlineData("区合作交流办设定：文件未规定单项完成率上限", "我们觉得")]
    [InlineData("\"scope\": \"overall\"", "\"scope\": \"everyone\"")]
    public void A_rule_without_a_source_or_with_an_unknown_value_is_rejected_at_startup(string find, string replace) =>
        Assert.Throws<InvalidDataException>(() => TestRules.Load(w =>
        {
            Assert.Contains(find, w);
            return w.Replace(find, replace);
        }));
}
