using System.Text.Json;
using InvestBot.KeyProjects;
using InvestBot.Reporting;
using Xunit;
using static InvestBot.Tests.KeyProjects.KeyProjectHarness;

namespace InvestBot.Tests.KeyProjects;

/// <summary>The ledger's storage guarantees against a real Azurite: atomic changes, ETag concurrency, append-only history.</summary>
[Trait("Category", "Integration")]
public sealed class KeyProjectStoreTests
{
    private static readonly ReportingMonth March = new(2023, 3);

    private static ProjectDetails Details(string name = "动力电池正极材料项目", decimal total = 50000, string stage = "negotiating") =>
        new(name, "domestic", total, "battery", stage, new DateOnly(2023, 6, 30), null, "李经理", "022-12345678");

    private static ProjectRegistration Registration(string? id = null, string name = "动力电池正极材料项目", string unit = Chaoyang) =>
        new(unit, id ?? ProjectIds.New(), Details(name), new ReportingMonth(2023, 1), "user-1", "张三");

    [Fact]
    public async Task Registering_writes_the_project_its_name_and_the_first_history_row_together()
    {
        var h = await StartAsync();

        var saved = Assert.IsType<ProjectSave.Saved>(await h.Store.RegisterAsync(Registration())).Project;

        Assert.Equal((1, "", 0m), (saved.Revision, saved.Level, saved.ArrivedTotal));
        var stored = await h.Store.GetAsync(Chaoyang, saved.Id);
        Assert.Equal(saved.Details, stored!.Details);
        Assert.Equal(new ReportingMonth(2023, 1), stored.LastProgressMonth);
        var history = Assert.Single(await h.Store.HistoryAsync(Chaoyang, saved.Id));
        Assert.Equal((1, ProjectChange.Registered, (string?)null), (history.Revision, history.Change, history.Before));
        Assert.Contains("动力电池正极材料项目", history.After);
        Assert.Equal(3, (await h.RowsAsync()).Count); // project, name, revision
    }

    [Fact]
    public async Task A_replayed_registration_finds_its_project_and_writes_nothing()
    {
        var h = await StartAsync();
        var registration = Registration();
        await h.Store.RegisterAsync(registration);
        var before = await h.RowsAsync();

        var replay = await h.Store.RegisterAsync(registration);

        Assert.Equal(registration.ProjectId, Assert.IsType<ProjectSave.Stale>(replay).Current!.Id);
        Assert.Equal(before, await h.RowsAsync());
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_name_in_one_unit_store_exactly_one_project()
    {
        var h = await StartAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => h.Store.RegisterAsync(Registration()))));

        var winner = Assert.Single(outcomes.OfType<ProjectSave.Saved>()).Project;
        Assert.All(outcomes.OfType<ProjectSave.NameTaken>(), n => Assert.Equal(winner.Id, n.Other!.Id));
        Assert.Equal(3, outcomes.OfType<ProjectSave.NameTaken>().Count());
        Assert.Single(await h.Store.ListUnitAsync(Chaoyang));
        // Another unit may use the same name.
        Assert.IsType<ProjectSave.Saved>(await h.Store.RegisterAsync(Registration(unit: Baoping)));
    }

    [Fact]
    public async Task An_edit_based_on_an_old_revision_is_rejected_and_changes_nothing()
    {
        var h = await StartAsync();
        var p = ((ProjectSave.Saved)await h.Store.RegisterAsync(Registration())).Project;
        await h.Store.EditAsync(Chaoyang, p.Id, 1, Details(total: 60000), "user-2", "李四");
        var before = await h.RowsAsync();

        var stale = await h.Store.EditAsync(Chaoyang, p.Id, 1, Details(total: 70000), "user-1", "张三");

        Assert.Equal(2, Assert.IsType<ProjectSave.Stale>(stale).Current!.Revision);
        Assert.Equal(before, await h.RowsAsync());
        Assert.Equal(60000m, (await h.Store.GetAsync(Chaoyang, p.Id))!.Details.TotalInvestment);
    }

    [Fact]
    public async Task Concurrent_edits_of_one_revision_never_lose_an_update_silently()
    {
        var h = await StartAsync();
        var p = ((ProjectSave.Saved)await h.Store.RegisterAsync(Registration())).Project;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => h.Store.EditAsync(Chaoyang, p.Id, 1, Details(total: 1000 + i), "user-" + i, "人" + i))));

        var winner = Assert.Single(outcomes.OfType<ProjectSave.Saved>()).Project;
        Assert.Equal(5, outcomes.OfType<ProjectSave.Stale>().Count());
        var history = await h.Store.HistoryAsync(Chaoyang, p.Id);
        Assert.Equal([1, 2], history.Select(r => r.Revision));
        Assert.Equal(winner.Details.TotalInvestment, JsonDocument.Parse(history[1].After).RootElement.GetProperty("TotalInvestment").GetDecimal());
        Assert.Equal(50000m, JsonDocument.Parse(history[1].Before!).RootElement.GetProperty("TotalInvestment").GetDecimal());
    }

    [Fact]
    public async Task Renaming_moves_the_name_so_the_old_one_is_free_and_the_new_one_taken()
    {
        var h = await StartAsync();
        var a = ((ProjectSave.Saved)await h.Store.RegisterAsync(Registration(name: "甲项目"))).Project;
        var b = ((ProjectSave.Saved)await h.Store.RegisterAsync(Registration(name: "乙项目"))).Project;

        var clash = await h.Store.EditAsync(Chaoyang, b.Id, 1, Details(name: "甲 项目"), "u", null);
        var renamed = await h.Store.EditAsync(Chaoyang, a.Id, 1, Details(name: "丙项目"), "u", null);
        var reuse = await h.Store.RegisterAsync(Registration(name: "甲项目"));

        Assert.Equal(a.Id, Assert.IsType<ProjectSave.NameTaken>(clash).Other!.Id); // whitespace does not make a new name
        Assert.Equal(1, (await h.Store.GetAsync(Chaoyang, b.Id))!.Revision);
        Assert.Equal("丙项目", Assert.IsType<ProjectSave.Saved>(renamed).Project.Name);
        Assert.IsType<ProjectSave.Saved>(reuse);
    }

    [Fact]
    public async Task A_month_is_recorded_once_and_a_correction_replaces_it_without_double_counting()
    {
        var h = await StartAsync();
        var p = ((ProjectSave.Saved)await h.Store.RegisterAsync(Registration())).Project;
        var feb = (ProjectSave.Saved)await h.Store.RecordProgressAsync(Chaoyang, p.Id, 1, new ReportingMonth(2023, 2),
            new ProgressInput("signed", 1000, ""), false, "u", "张三");

        var first = (ProjectSave.Saved)await h.Store.RecordProgressAsync(Chaoyang, p.Id, 2, March, new ProgressInput("started", 500, "用地指标待协调"), false, "u", "张三");
        var corrected = (ProjectSave.Saved)await h.Store.RecordProgressAsync(Chaoyang, p.Id, 3, March, new ProgressInput("started", 800, ""), true, "u", "李四");

        Assert.Equal((1500m, "started", "用地指标待协调"), (first.Project.ArrivedTotal, first.Project.Stage, first.Project.Problems));
        Assert.Equal((1800m, "started", "", 4), (corrected.Project.ArrivedTotal, corrected.Project.Stage, corrected.Project.Problems, corrected.Project.Revision));
        var updates = await h.Store.UpdatesAsync(Chaoyang, p.Id);
        Assert.Equal([new ReportingMonth(2023, 2), March], updates.Select(u => u.Month));
        // The month's first update fixed where the project stood when the month began; a correction keeps it (and its timeliness).
        Assert.Equal(("signed", "started", 800m, false, "李四"), (updates[1].StageBefore, updates[1].Stage, updates[1].Arrived, updates[1].Late, updates[1].ByName));
        Assert.Equal(March, corrected.Project.LastProgressMonth);
        var history = await h.Store.HistoryAsync(Chaoyang, p.Id);
        Assert.Equal([ProjectChange.Registered, ProjectChange.Progress, ProjectChange.Progress, ProjectChange.Progress], history.Select(r => r.Change));
        Assert.Equal(March, history[^1].Month);
        Assert.Equal(2, feb.Project.Revision);
    }

    [Fact]
    public async Task Concurrent_progress_updates_of_one_revision_store_exactly_one()
    {
        var h = await StartAsync();
        var p = ((ProjectSave.Saved)await h.Store.RegisterAsync(Registration())).Project;

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            Task.Run(() => h.Store.RecordProgressAsync(Chaoyang, p.Id, 1, March, new ProgressInput("signed", i * 100, ""), false, "u" + i, null))));

        var winner = Assert.Single(outcomes.OfType<ProjectSave.Saved>()).Project;
        Assert.Equal(4, outcomes.OfType<ProjectSave.Stale>().Count());
        var update = Assert.Single(await h.Store.UpdatesAsync(Chaoyang, p.Id));
        Assert.Equal(winner.ArrivedTotal, update.Arrived);
        Assert.Equal(2, (await h.Store.HistoryAsync(Chaoyang, p.Id)).Count);
    }

    [Fact]
    public async Task Marking_is_a_revision_and_a_stale_mark_changes_nothing()
    {
        var h = await StartAsync();
        var p = ((ProjectSave.Saved)await h.Store.RegisterAsync(Registration())).Project;

        var marked = await h.Store.MarkAsync(Chaoyang, p.Id, 1, "major", "admin", "王主任");
        var before = await h.RowsAsync();
        var stale = await h.Store.MarkAsync(Chaoyang, p.Id, 1, "key", "admin", "王主任");

        Assert.Equal(("major", 2), (Assert.IsType<ProjectSave.Saved>(marked).Project.Level, ((ProjectSave.Saved)marked).Project.Revision));
        Assert.IsType<ProjectSave.Stale>(stale);
        Assert.Equal(before, await h.RowsAsync());
        Assert.Equal(ProjectChange.Marked, (await h.Store.HistoryAsync(Chaoyang, p.Id))[^1].Change);
    }

    [Fact]
    public async Task Lists_return_projects_per_unit_and_updates_per_month_range()
    {
        var h = await StartAsync();
        var a = ((ProjectSave.Saved)await h.Store.RegisterAsync(Registration(name: "甲"))).Project;
        var b = ((ProjectSave.Saved)await h.Store.RegisterAsync(Registration(name: "乙", unit: Baoping))).Project;
        await h.Store.RecordProgressAsync(Chaoyang, a.Id, 1, new ReportingMonth(2023, 1), new ProgressInput("signed", 1, ""), false, "u", null);
        await h.Store.RecordProgressAsync(Baoping, b.Id, 1, March, new ProgressInput("signed", 2, ""), false, "u", null);

        Assert.Equal(["甲"], (await h.Store.ListUnitAsync(Chaoyang)).Select(p => p.Name));
        Assert.Equal(2, (await h.Store.ListAllAsync()).Count);
        Assert.Equal([b.Id], (await h.Store.ListUpdatesAsync(new ReportingMonth(2023, 2), March)).Select(u => u.ProjectId));
        Assert.Equal(2, (await h.Store.ListUpdatesAsync(new ReportingMonth(2023, 1), March)).Count);
        // A project id from another unit's partition is not found in this one.
        Assert.Null(await h.Store.GetAsync(Chaoyang, b.Id));
        Assert.IsType<ProjectSave.NotFound>(await h.Store.MarkAsync(Chaoyang, b.Id, 1, "major", "admin", null));
    }
}
