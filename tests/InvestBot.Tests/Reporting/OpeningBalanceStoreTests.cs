using InvestBot.Reporting;
using InvestBot.Storage;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>期初累计 in Table Storage (real Azurite): revisions with ETag concurrency and history, and how the ranking's reader sees it.</summary>
[Trait("Category", "Integration")]
public sealed class OpeningBalanceStoreTests
{
    private const string Unit = "town-chaoyang";

    private static async Task<(OpeningBalanceStore Openings, MonthlyFiguresStore Figures, TableProvider Tables)> NewAsync()
    {
        var tables = await TestTables.NewProviderAsync();
        var time = TestClock.AtBeijing(2026, 7, 3);
        return (new OpeningBalanceStore(tables, time), new MonthlyFiguresStore(tables, time), tables);
    }

    private static OpeningBalanceChange Change(int expected, int through, decimal projects, string by = "admin-1") =>
        new(Unit, 2026, through, new Dictionary<string, decimal> { ["domesticProjects"] = projects, ["domesticCapital"] = 800m }, expected, by, "王主任");

    [Fact]
    public async Task A_balance_is_revised_only_from_the_revision_shown_and_every_change_is_kept()
    {
        var (openings, _, _) = await NewAsync();

        var first = Assert.IsType<OpeningSaveOutcome.Saved>(await openings.SaveAsync(Change(0, 5, 10))).Balance;
        var stale = Assert.IsType<OpeningSaveOutcome.Stale>(await openings.SaveAsync(Change(0, 4, 99, by: "admin-2")));
        var second = Assert.IsType<OpeningSaveOutcome.Saved>(await openings.SaveAsync(Change(1, 4, 12))).Balance;

        Assert.Equal((1, 5, "1—5月"), (first.Revision, first.ThroughMonth, first.MonthsLabel));
        Assert.Equal(10m, stale.Current!.Values["domesticProjects"]);
        var now = (await openings.GetAsync(2026, Unit))!;
        Assert.Equal((2, 4, 12m), (now.Revision, now.ThroughMonth, now.Values["domesticProjects"]));
        Assert.Equal((second.Revision, second.ThroughMonth, second.UpdatedBy), (now.Revision, now.ThroughMonth, now.UpdatedBy));
        var history = await openings.HistoryAsync(2026, Unit);
        Assert.Equal(new[] { 1, 2 }, history.Select(h => h.Revision));
        Assert.Equal((5, 10m, 4, 12m), (history[1].ThroughMonthBefore!.Value, history[1].Before!["domesticProjects"], history[1].ThroughMonth, history[1].After["domesticProjects"]));
    }

    [Fact]
    public async Task Two_admins_saving_at_once_store_one_change()
    {
        var (openings, _, _) = await NewAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => openings.SaveAsync(Change(0, 5, i + 1, by: $"admin-{i}"))));

        Assert.Single(outcomes.OfType<OpeningSaveOutcome.Saved>());
        Assert.Single(await openings.HistoryAsync(2026, Unit));
    }

    [Fact]
    public async Task A_cleared_balance_is_not_listed()
    {
        var (openings, _, _) = await NewAsync();
        await openings.SaveAsync(Change(0, 5, 10));
        await openings.SaveAsync(new OpeningBalanceChange("town-baoping", 2026, 3, new Dictionary<string, decimal> { ["domesticProjects"] = 1 }, 0, "a", null));

        await openings.SaveAsync(new OpeningBalanceChange(Unit, 2026, 0, new Dictionary<string, decimal>(), 1, "a", null));

        Assert.Equal(new[] { "town-baoping" }, (await openings.ListYearAsync(2026)).Select(b => b.UnitId));
        Assert.False((await openings.GetAsync(2026, Unit))!.IsSet);
    }

    [Fact]
    public async Task The_reader_gives_the_balance_as_the_row_of_the_month_it_runs_to_and_never_a_month_twice()
    {
        var (openings, figures, tables) = await NewAsync();
        IMonthlyFiguresReader reader = new MonthlyFiguresReader(figures, openings, new AnnualTargetStore(tables));
        await openings.SaveAsync(Change(0, 5, 10));
        // A month inside the balance saved anyway (before the balance, or by a race): the balance wins.
        await figures.SaveAsync(new FigureSubmission(Unit, new ReportingMonth(2026, 4), new Dictionary<string, decimal> { ["domesticProjects"] = 7 }, 0, "u", "张三", false));
        await figures.SaveAsync(new FigureSubmission(Unit, new ReportingMonth(2026, 6), new Dictionary<string, decimal> { ["domesticProjects"] = 3 }, 0, "u", "张三", false));

        var months = new List<UnitMonthFigures>();
        for (var m = 1; m <= 6; m++) months.AddRange(await reader.GetMonthAsync(2026, m));

        Assert.Equal(new[] { (5, true), (6, false) }, months.Select(r => (r.Month, r.IsOpeningBalance)));
        Assert.Equal(13m, months.Sum(r => r.Values["domesticProjects"]));
        Assert.Equal("2026年1—6月（1个单位1—5月为期初累计）", MonthCoverage.ForRanking(months, 2026, 6));
    }
}
