using Microsoft.Extensions.Time.Testing;
using Azure.Data.Tables;
using InvestBot.Reporting;
using InvestBot.Storage;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Integration")]
public sealed class MonthlyFiguresStoreTests
{
    private static readonly ReportingMonth March = new(2023, 3);

    private static async Task<(MonthlyFiguresStore Store, TableProvider Tables)> NewStoreAsync()
    {
        var tables = await TestTables.NewProviderAsync();
        return (new MonthlyFiguresStore(tables, new FakeTimeProvider(TestClock.Beijing(2023, 4, 3))), tables);
    }

    private static FigureSubmission Submit(int expected, decimal projects, string by = "user-1", string unit = "town-chaoyang") =>
        new(unit, March, new Dictionary<string, decimal> { ["domesticProjects"] = projects, ["domesticCapital"] = 12.5m },
            expected, by, "张三", Late: false);

    private static async Task<int> RowCountAsync(TableProvider tables)
    {
        var table = await tables.GetTableAsync(MonthlyFiguresStore.Table);
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>()) n++;
        return n;
    }

    [Fact]
    public async Task First_save_writes_the_current_figures_and_one_history_row()
    {
        var (store, tables) = await NewStoreAsync();

        var outcome = await store.SaveAsync(Submit(0, 3));

        var saved = Assert.IsType<SaveOutcome.Saved>(outcome).Figures;
        Assert.Equal(1, saved.Revision);
        var current = await store.GetAsync(March, "town-chaoyang");
        Assert.Equal(3m, current!.Values["domesticProjects"]);
        Assert.Equal(12.5m, current.Values["domesticCapital"]);
        var history = Assert.Single(await store.HistoryAsync(March, "town-chaoyang"));
        Assert.Null(history.Before);
        Assert.Equal(3m, history.After["domesticProjects"]);
        Assert.Equal("user-1", history.By);
        Assert.Equal(2, await RowCountAsync(tables));
    }

    [Fact]
    public async Task A_revision_records_the_values_before_and_after()
    {
        var (store, _) = await NewStoreAsync();
        await store.SaveAsync(Submit(0, 3));

        var outcome = await store.SaveAsync(Submit(1, 5, by: "user-2"));

        Assert.Equal(2, Assert.IsType<SaveOutcome.Saved>(outcome).Figures.Revision);
        var history = await store.HistoryAsync(March, "town-chaoyang");
        Assert.Equal(new[] { 1, 2 }, history.Select(h => h.Revision));
        Assert.Equal(3m, history[1].Before!["domesticProjects"]);
        Assert.Equal(5m, history[1].After["domesticProjects"]);
        Assert.Equal("user-2", history[1].By);
        Assert.Equal(5m, (await store.GetAsync(March, "town-chaoyang"))!.Values["domesticProjects"]);
    }

    [Fact]
    public async Task A_replayed_submission_is_rejected_and_writes_nothing()
    {
        var (store, tables) = await NewStoreAsync();
        await store.SaveAsync(Submit(0, 3));

        var replay = await store.SaveAsync(Submit(0, 3));

        var stale = Assert.IsType<SaveOutcome.Stale>(replay);
        Assert.Equal(1, stale.Current!.Revision);
        Assert.Single(await store.HistoryAsync(March, "town-chaoyang"));
        Assert.Equal(2, await RowCountAsync(tables));
    }

    [Fact]
    public async Task Two_concurrent_first_submissions_store_exactly_one()
    {
        var (store, tables) = await NewStoreAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 2).Select(i => Task.Run(() => store.SaveAsync(Submit(0, i, by: "user-" + i)))));

        var winner = Assert.Single(outcomes.OfType<SaveOutcome.Saved>()).Figures;
        Assert.Single(outcomes.OfType<SaveOutcome.Stale>());
        var current = await store.GetAsync(March, "town-chaoyang");
        Assert.Equal(winner.Values["domesticProjects"], current!.Values["domesticProjects"]);
        Assert.Single(await store.HistoryAsync(March, "town-chaoyang"));
        Assert.Equal(2, await RowCountAsync(tables));
    }

    [Fact]
    public async Task Concurrent_revisions_of_the_same_version_never_lose_an_update_silently()
    {
        var (store, _) = await NewStoreAsync();
        await store.SaveAsync(Submit(0, 1));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => store.SaveAsync(Submit(1, 10 + i, by: "user-" + i)))));

        // Exactly one writer based on revision 1 wins; every other one is told its form is stale.
        var winner = Assert.Single(outcomes.OfType<SaveOutcome.Saved>()).Figures;
        Assert.Equal(5, outcomes.OfType<SaveOutcome.Stale>().Count());
        var history = await store.HistoryAsync(March, "town-chaoyang");
        Assert.Equal(new[] { 1, 2 }, history.Select(h => h.Revision));
        Assert.Equal(winner.Values["domesticProjects"], history[1].After["domesticProjects"]);
    }

    [Fact]
    public async Task Month_and_unit_year_queries_return_current_rows_only()
    {
        var (store, _) = await NewStoreAsync();
        await store.SaveAsync(Submit(0, 3));
        await store.SaveAsync(Submit(1, 4));
        await store.SaveAsync(Submit(0, 7, unit: "town-baoping"));
        await store.SaveAsync(Submit(0, 2) with { Month = new ReportingMonth(2023, 1) });

        var month = await store.ListMonthAsync(March);
        var year = await store.ListUnitYearAsync("town-chaoyang", 2023);

        Assert.Equal(new[] { "town-baoping", "town-chaoyang" }, month.Select(f => f.UnitId).OrderBy(x => x));
        Assert.Equal(new[] { "2023-01", "2023-03" }, year.Select(f => f.Month.Key));
        Assert.Equal(4m, year[1].Values["domesticProjects"]);
    }

    [Theory]
    [InlineData("town-chaoyang' or RowKey ne '")]
    [InlineData("x' or '1' eq '1")]
    public async Task OData_special_characters_in_a_unit_id_match_nothing(string hostile)
    {
        var (store, _) = await NewStoreAsync();
        await store.SaveAsync(Submit(0, 3));

        Assert.Empty(await store.ListUnitYearAsync(hostile, 2023));
        Assert.Empty(await store.HistoryAsync(March, hostile));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    public async Task Unsafe_unit_keys_are_refused_before_anything_is_written(string unsafeId)
    {
        var (store, tables) = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Submit(0, 3, unit: unsafeId)));
        Assert.Equal(0, await RowCountAsync(tables));
    }

    [Fact]
    public async Task The_figures_reader_contract_returns_saved_months_and_targets()
    {
        var (store, tables) = await NewStoreAsync();
        var targets = new AnnualTargetStore(tables);
        await store.SaveAsync(Submit(0, 3) with { Late = true });
        await targets.SetAsync(2023, "town-chaoyang", new Dictionary<string, decimal> { ["domesticProjects"] = 8 }, "admin");
        await targets.SetAsync(2023, "town-chaoyang", new Dictionary<string, decimal> { ["domesticCapital"] = 5000 }, "admin");
        IMonthlyFiguresReader reader = new MonthlyFiguresReader(store, targets);

        var month = Assert.Single(await reader.GetMonthAsync(2023, 3));
        var year = await reader.GetAnnualTargetsAsync(2023);

        Assert.Equal(("town-chaoyang", 3m, true), (month.UnitId, month.Values["domesticProjects"], month.Late));
        Assert.Empty(await reader.GetMonthAsync(2023, 2));
        // Targets merge: setting one metric keeps the other.
        Assert.Equal(8m, year["town-chaoyang"]["domesticProjects"]);
        Assert.Equal(5000m, year["town-chaoyang"]["domesticCapital"]);
    }

    [Fact]
    public async Task Lateness_follows_the_first_submission_while_history_records_each_revision()
    {
        var (store, _) = await NewStoreAsync();
        await store.SaveAsync(Submit(0, 3));
        await store.SaveAsync(Submit(1, 4) with { Late = true });
        await store.SaveAsync(Submit(0, 1, unit: "town-baoping") with { Late = true });
        await store.SaveAsync(Submit(1, 2, unit: "town-baoping"));

        Assert.False((await store.GetAsync(March, "town-chaoyang"))!.Late);
        Assert.True((await store.GetAsync(March, "town-baoping"))!.Late);
        Assert.Equal(new[] { false, true }, (await store.HistoryAsync(March, "town-chaoyang")).Select(h => h.Late));
    }

    [Fact]
    public async Task Two_saves_over_the_same_years_read_store_one_revision_and_the_later_one_sees_the_winner()
    {
        var (store, tables) = await NewStoreAsync();
        await store.SaveAsync(Submit(0, 3));
        var readA = await store.ReadUnitYearAsync("town-chaoyang", 2023);
        var readB = await store.ReadUnitYearAsync("town-chaoyang", 2023);

        var a = await store.SaveAsync(Submit(1, 5, by: "a"), readA.Month(March));
        var b = await store.SaveAsync(Submit(1, 7, by: "b"), readB.Month(March));

        Assert.IsType<SaveOutcome.Saved>(a);
        var stale = Assert.IsType<SaveOutcome.Stale>(b);
        Assert.Equal((2, 5m), (stale.Current!.Revision, stale.Current.Values["domesticProjects"]));
        Assert.Equal(new[] { 1, 2 }, (await store.HistoryAsync(March, "town-chaoyang")).Select(r => r.Revision));
        Assert.Equal(3, await RowCountAsync(tables));
    }

    [Fact]
    public async Task A_save_over_a_read_that_found_nothing_fails_when_the_month_was_saved_meanwhile()
    {
        var (store, _) = await NewStoreAsync();
        var empty = await store.ReadUnitYearAsync("town-chaoyang", 2023);
        await store.SaveAsync(Submit(0, 3, by: "first"));

        var late = await store.SaveAsync(Submit(0, 9, by: "second"), empty.Month(March));

        Assert.Equal(3m, Assert.IsType<SaveOutcome.Stale>(late).Current!.Values["domesticProjects"]);
        Assert.Single(await store.HistoryAsync(March, "town-chaoyang"));
    }
}
