using InvestBot.Ranking;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Ranking;

/// <summary>我单位进度's "what it takes to reach the next rank", checked against the calculator itself.</summary>
[Trait("Category", "Unit")]
public sealed class NextRankAdviceTests
{
    private static readonly MetricCatalog Catalog = MetricCatalog.Load(RepoPaths.SourceData("metrics.json"));

    private static readonly RankingRules Rules = TestRules.Make(); // 街镇: capital 60, projects 40, cap 150 %

    private static readonly RankingCalculator Calculator = new(Rules, Catalog, UnitRequirements.None, DistrictTargets.None);

    private static readonly List<RankableUnit> Towns = Enumerable.Range(1, 3).Select(i => new RankableUnit($"town-{i}", $"镇{i}", "街镇")).ToList();

    private static FakeFiguresReader Reader(decimal capital3 = 100, decimal projects3 = 1)
    {
        var r = new FakeFiguresReader();
        foreach (var u in Towns) r.Target(u.Id, ("domesticCapital", 1000), ("domesticProjects", 10));
        return r.Submit("town-1", 2023, 3, ("domesticCapital", 900), ("domesticProjects", 9))
            .Submit("town-2", 2023, 3, ("domesticCapital", 500), ("domesticProjects", 5))
            .Submit("town-3", 2023, 3, ("domesticCapital", capital3), ("domesticProjects", projects3));
    }

    private static RankingResult Rank(FakeFiguresReader r) => Calculator.Compute(new RankingPeriod(2023, 3), Towns, r.All, r.Targets);

    [Fact]
    public void Each_step_on_its_own_is_enough_to_pass_the_unit_above_and_a_unit_less_is_not()
    {
        var advice = NextRankAdvice.For(Rank(Reader()), "town-3", Rules, Catalog)!;

        Assert.Equal(("town-2", 3), (advice.Above!.UnitId, advice.Unit.Rank));
        Assert.Equal(40m, advice.Gap); // 50 − 10
        Assert.Equal(new[] { "domesticCapital", "domesticProjects" }, advice.Steps.Select(s => s.MetricId));
        foreach (var step in advice.Steps)
        {
            var capital = 100 + (step.MetricId == "domesticCapital" ? step.Increase : 0);
            var projects = 1 + (step.MetricId == "domesticProjects" ? step.Increase : 0);
            Assert.Equal(2, Rank(Reader(capital, projects)).Find("town-3")!.Rank);
            // One unit (of the metric's smallest step) less does not pass.
            var less = step.MetricId == "domesticCapital" ? (capital - 1, projects) : (capital, projects - 1);
            Assert.Equal(3, Rank(Reader(less.Item1, less.Item2)).Find("town-3")!.Rank);
        }
    }

    [Fact]
    public void The_first_unit_and_units_without_a_score_are_told_why_there_is_no_step()
    {
        var r = Reader();
        r.Target("town-3", ("domesticCapital", 0), ("domesticProjects", 0));

        Assert.Contains("第 1 名", NextRankAdvice.For(Rank(r), "town-1", Rules, Catalog)!.Reason);
        Assert.Contains("尚未设年度目标", NextRankAdvice.For(Rank(r), "town-3", Rules, Catalog)!.Reason);
        Assert.Null(NextRankAdvice.For(Rank(r), "no-such-unit", Rules, Catalog));
    }

    [Fact]
    public void A_metric_the_cap_stops_is_not_offered()
    {
        // town-3 (10 points) is 80 behind town-1 (90): capital alone (cap 150 %) can add at most 60·(1.5 − 0.1) = 84 points, projects only 40·1.4 = 56.
        var r = Reader(capital3: 100, projects3: 1)
            .Submit("town-2", 2023, 3, ("domesticCapital", 1500), ("domesticProjects", 12));
        var advice = NextRankAdvice.For(Rank(r), "town-3", Rules, Catalog)!;

        Assert.Equal(new[] { "domesticCapital" }, advice.Steps.Select(s => s.MetricId));
    }
}
