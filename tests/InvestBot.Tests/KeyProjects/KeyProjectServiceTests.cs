using InvestBot.Access;
using InvestBot.KeyProjects;
using InvestBot.Reporting;
using Xunit;
using static InvestBot.Tests.KeyProjects.KeyProjectHarness;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// Every rule of the ledger through the service against Azurite, including the bad inputs: text in number fields, another
/// unit's project, a forged stage or month, a replayed or concurrent update — each leaves the table exactly as it was.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KeyProjectServiceTests
{
    [Fact]
    public async Task A_reporter_registers_a_project_for_the_bound_unit_and_it_awaits_an_admins_mark()
    {
        var h = await StartAsync();
        var user = await h.ReporterAsync("张三", Chaoyang);

        var form = Assert.IsType<ProjectOutcome.Form>(await h.Service.OpenRegistrationAsync(user, null)).Value;
        var done = Assert.IsType<ProjectOutcome.Done>(await h.Service.RegisterAsync(user, form.Unit.Id, form.ProjectId, DetailInputs()));

        Assert.Equal(Chaoyang, form.Unit.Id);
        var project = done.Detail.Status.Project;
        Assert.Equal((form.ProjectId, "", 1, "张三"), (project.Id, project.Level, project.Revision, project.CreatedByName));
        Assert.Contains("已登记", done.Message);
        Assert.Equal("待认定", Rules.LevelName(project.Level));
        Assert.Equal(new ReportingMonth(2023, 4), project.RegisteredMonth);
    }

    [Fact]
    public async Task Unbound_users_cannot_register_and_admins_must_name_the_unit()
    {
        var h = await StartAsync();

        var stranger = await h.Service.OpenRegistrationAsync(new UserIdentity("nobody", "路人"), null);
        var admin = await h.Service.OpenRegistrationAsync(Admin, null);
        var adminNamed = await h.Service.OpenRegistrationAsync(Admin, Units.FindById(Baoping));

        Assert.Contains("绑定 潮阳街道", Assert.IsType<ProjectOutcome.Denied>(stranger).Reason);
        Assert.Contains("登记项目 潮阳街道", Assert.IsType<ProjectOutcome.Denied>(admin).Reason);
        Assert.Equal(Baoping, Assert.IsType<ProjectOutcome.Form>(adminNamed).Value.Unit.Id);
        var forged = await h.Service.RegisterAsync(new UserIdentity("nobody", "路人"), Chaoyang, ProjectIds.New(), DetailInputs());
        Assert.IsType<ProjectOutcome.Denied>(forged);
        Assert.Empty(await h.RowsAsync());
    }

    [Theory]
    [InlineData(ProjectFields.TotalInvestment, "五万", "请输入数字")]
    [InlineData(ProjectFields.Stage, "completed", "请从列表中选择项目阶段")]
    [InlineData(ProjectFields.Kind, "' or RowType eq 'project", "请选择内资或外资")]
    public async Task A_bad_registration_comes_back_with_the_input_kept_and_stores_nothing(string field, string value, string message)
    {
        var h = await StartAsync();
        var user = await h.ReporterAsync("张三", Chaoyang);
        var raw = DetailInputs();
        raw[field] = value;

        var form = Assert.IsType<ProjectOutcome.Form>(await h.Service.RegisterAsync(user, Chaoyang, ProjectIds.New(), raw)).Value;

        Assert.Contains(message, form.Errors[field]);
        Assert.Equal(value, form.Inputs[field]);
        Assert.Equal("动力电池正极材料项目", form.Inputs[ProjectFields.Name]);
        Assert.Empty(await h.RowsAsync());
    }

    [Fact]
    public async Task A_registration_for_another_unit_or_with_a_forged_id_is_refused()
    {
        var h = await StartAsync();
        var user = await h.ReporterAsync("张三", Chaoyang);

        var otherUnit = await h.Service.RegisterAsync(user, Baoping, ProjectIds.New(), DetailInputs());
        var badId = await h.Service.RegisterAsync(user, Chaoyang, "p~x/../1", DetailInputs());
        var badUnit = await h.Service.RegisterAsync(user, "town-nowhere", ProjectIds.New(), DetailInputs());

        Assert.Contains("只能登记、查看和更新本单位的项目", Assert.IsType<ProjectOutcome.Denied>(otherUnit).Reason);
        Assert.IsType<ProjectOutcome.Denied>(badId);
        Assert.IsType<ProjectOutcome.Denied>(badUnit);
        Assert.Empty(await h.RowsAsync());
    }

    [Fact]
    public async Task A_replayed_registration_shows_the_project_again_and_a_second_form_with_the_same_name_is_refused()
    {
        var h = await StartAsync();
        var user = await h.ReporterAsync("张三", Chaoyang);
        var id = ProjectIds.New();
        await h.Service.RegisterAsync(user, Chaoyang, id, DetailInputs());
        var rows = await h.RowsAsync();

        var replay = Assert.IsType<ProjectOutcome.Done>(await h.Service.RegisterAsync(user, Chaoyang, id, DetailInputs()));
        var sameName = Assert.IsType<ProjectOutcome.Form>(await h.Service.RegisterAsync(user, Chaoyang, ProjectIds.New(), DetailInputs(name: "动力电池 正极材料项目")));

        Assert.True(replay.Repeated);
        Assert.Contains("重复提交", replay.Message);
        Assert.Contains("同名项目", sameName.Value.Errors[ProjectFields.Name]);
        Assert.Equal(rows, await h.RowsAsync());
    }

    [Fact]
    public async Task The_reporter_updates_the_checked_month_and_the_form_comes_back_prefilled()
    {
        var h = await StartAsync();
        var user = await h.ReporterAsync("张三", Chaoyang);
        var p = await h.RegisterAsync(user, Chaoyang);

        var empty = Assert.IsType<ProjectOutcome.Progress>(await h.Service.OpenProgressAsync(user, Chaoyang, p.Id)).Value;
        var done = Assert.IsType<ProjectOutcome.Done>(await h.Service.RecordProgressAsync(user, Chaoyang, p.Id, "2023-03", 1,
            ProgressInputs("signed", "1200.5", "环评手续待区生态环境局协调")));
        var again = Assert.IsType<ProjectOutcome.Progress>(await h.Service.OpenProgressAsync(user, Chaoyang, p.Id)).Value;

        Assert.Equal((new ReportingMonth(2023, 3), new DateOnly(2023, 4, 5), false, "negotiating"), (empty.Month, empty.Deadline, empty.Late, empty.Inputs[ProjectFields.Stage]));
        var saved = done.Detail.Status;
        Assert.Equal(("signed", 1200.5m, "环评手续待区生态环境局协调", 2), (saved.Project.Stage, saved.Project.ArrivedTotal, saved.Project.Problems, saved.Project.Revision));
        Assert.Equal(1200.5m, saved.ThisMonth!.Arrived);
        Assert.Equal(("signed", "1200.5"), (again.Inputs[ProjectFields.Stage], again.Inputs[ProjectFields.Arrived]));
        Assert.Contains("可修改后重新提交", again.Notice);
    }

    [Fact]
    public async Task An_update_after_the_deadline_is_kept_and_marked_late()
    {
        var h = await StartAsync(2023, 4, 10);
        var user = await h.ReporterAsync("张三", Chaoyang);
        var p = await h.RegisterAsync(user, Chaoyang);

        var form = Assert.IsType<ProjectOutcome.Progress>(await h.Service.OpenProgressAsync(user, Chaoyang, p.Id)).Value;
        await h.ProgressAsync(user, p, "signed", "0");

        Assert.True(form.Late);
        Assert.True((await h.Store.GetUpdateAsync(Chaoyang, p.Id, new ReportingMonth(2023, 3)))!.Late);
    }

    [Theory]
    [InlineData("一千", "请输入数字")]
    [InlineData("1e3", "请输入数字")]
    [InlineData("NaN", "请输入数字")]
    [InlineData("60000", "超过计划总投资")]
    public async Task Text_or_impossible_numbers_in_the_progress_form_change_nothing(string arrived, string message)
    {
        var h = await StartAsync();
        var user = await h.ReporterAsync("张三", Chaoyang);
        var p = await h.RegisterAsync(user, Chaoyang);
        var rows = await h.RowsAsync();

        var form = Assert.IsType<ProjectOutcome.Progress>(await h.Service.RecordProgressAsync(user, Chaoyang, p.Id, "2023-03", 1,
            ProgressInputs("signed", arrived))).Value;

        Assert.Contains(message, form.Errors[ProjectFields.Arrived]);
        Assert.Equal(arrived, form.Inputs[ProjectFields.Arrived]);
        Assert.Equal(1, form.Project.Revision);
        Assert.Equal(rows, await h.RowsAsync());
    }

    [Fact]
    public async Task A_forged_stage_or_month_or_revision_changes_nothing()
    {
        var h = await StartAsync();
        var user = await h.ReporterAsync("张三", Chaoyang);
        var p = await h.RegisterAsync(user, Chaoyang);
        var rows = await h.RowsAsync();

        var stage = await h.Service.RecordProgressAsync(user, Chaoyang, p.Id, "2023-03", 1, ProgressInputs("finished", "0"));
        var future = await h.Service.RecordProgressAsync(user, Chaoyang, p.Id, "2023-04", 1, ProgressInputs("signed", "0"));
        var past = await h.Service.RecordProgressAsync(user, Chaoyang, p.Id, "2022-12", 1, ProgressInputs("signed", "0"));
        var noMonth = await h.Service.RecordProgressAsync(user, Chaoyang, p.Id, "三月", 1, ProgressInputs("signed", "0"));
        var revision = await h.Service.RecordProgressAsync(user, Chaoyang, p.Id, "2023-03", null, ProgressInputs("signed", "0"));

        Assert.Contains("请从列表中选择项目阶段", Assert.IsType<ProjectOutcome.Progress>(stage).Value.Errors[ProjectFields.Stage]);
        Assert.Contains("现在填报的是2023年3月", Assert.IsType<ProjectOutcome.Denied>(future).Reason);
        Assert.IsType<ProjectOutcome.Denied>(past);
        Assert.IsType<ProjectOutcome.Denied>(noMonth);
        Assert.IsType<ProjectOutcome.Denied>(revision);
        Assert.Equal(rows, await h.RowsAsync());
    }

    [Fact]
    public async Task A_reporter_cannot_see_or_change_another_units_project()
    {
        var h = await StartAsync();
        var mine = await h.ReporterAsync("张三", Chaoyang);
        var theirs = await h.ReporterAsync("李四", Baoping);
        var p = await h.RegisterAsync(theirs, Baoping);
        var rows = await h.RowsAsync();

        var asTheirUnit = await h.Service.RecordProgressAsync(mine, Baoping, p.Id, "2023-03", 1, ProgressInputs("signed", "10"));
        var underMyUnit = await h.Service.RecordProgressAsync(mine, Chaoyang, p.Id, "2023-03", 1, ProgressInputs("signed", "10"));
        var edit = await h.Service.EditAsync(mine, Baoping, p.Id, 1, DetailInputs(total: "1"));
        var view = await h.Service.DetailAsync(mine, Baoping, p.Id);
        var open = await h.Service.OpenProgressAsync(mine, Baoping, p.Id);

        Assert.Contains("不能操作其他单位的项目", Assert.IsType<ProjectOutcome.Denied>(asTheirUnit).Reason);
        Assert.Contains("找不到这个项目", Assert.IsType<ProjectOutcome.Denied>(underMyUnit).Reason);
        Assert.IsType<ProjectOutcome.Denied>(edit);
        Assert.IsType<ProjectOutcome.Denied>(view);
        Assert.IsType<ProjectOutcome.Denied>(open);
        Assert.Equal(rows, await h.RowsAsync());
    }

    [Fact]
    public async Task A_replayed_update_is_recognised_and_a_concurrent_one_comes_back_with_a_notice()
    {
        var h = await StartAsync();
        var zhang = await h.ReporterAsync("张三", Chaoyang);
        var li = await h.ReporterAsync("李四", Chaoyang);
        var p = await h.RegisterAsync(zhang, Chaoyang);
        await h.Service.RecordProgressAsync(zhang, Chaoyang, p.Id, "2023-03", 1, ProgressInputs("signed", "100"));
        var rows = await h.RowsAsync();

        var replay = await h.Service.RecordProgressAsync(zhang, Chaoyang, p.Id, "2023-03", 1, ProgressInputs("signed", "100"));
        var concurrent = await h.Service.RecordProgressAsync(li, Chaoyang, p.Id, "2023-03", 1, ProgressInputs("started", "300"));

        Assert.True(Assert.IsType<ProjectOutcome.Done>(replay).Repeated);
        var form = Assert.IsType<ProjectOutcome.Progress>(concurrent).Value;
        Assert.Contains("张三已更新了这个项目", form.Notice);
        Assert.Equal(("300", 2), (form.Inputs[ProjectFields.Arrived], form.Project.Revision));
        Assert.Equal(rows, await h.RowsAsync());
        // Submitting the refreshed form (now based on revision 2) overrides.
        await h.Service.RecordProgressAsync(li, Chaoyang, p.Id, "2023-03", form.Project.Revision, ProgressInputs("started", "300"));
        Assert.Equal(300m, (await h.Store.GetAsync(Chaoyang, p.Id))!.ArrivedTotal);
    }

    [Fact]
    public async Task Two_reporters_updating_at_once_store_exactly_one_update()
    {
        var h = await StartAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => h.ReporterAsync("人" + i, Chaoyang)));
        var p = await h.RegisterAsync(users[0], Chaoyang);

        var outcomes = await Task.WhenAll(users.Select((u, i) => Task.Run(() =>
            h.Service.RecordProgressAsync(u, Chaoyang, p.Id, "2023-03", 1, ProgressInputs("signed", (100 + i).ToString())))));

        Assert.Single(outcomes.OfType<ProjectOutcome.Done>());
        Assert.Equal(3, outcomes.OfType<ProjectOutcome.Progress>().Count());
        Assert.Single(await h.Store.UpdatesAsync(Chaoyang, p.Id));
        Assert.Equal(2, (await h.Store.HistoryAsync(Chaoyang, p.Id)).Count);
    }

    [Fact]
    public async Task Editing_keeps_the_stage_refuses_a_kind_change_after_updates_and_a_total_below_what_arrived()
    {
        var h = await StartAsync();
        var user = await h.ReporterAsync("张三", Chaoyang);
        var p = await h.RegisterAsync(user, Chaoyang);
        p = await h.ProgressAsync(user, p, "started", "30000");

        var kind = await h.Service.EditAsync(user, Chaoyang, p.Id, p.Revision, DetailInputs(kind: "foreign", total: "5000"));
        var below = await h.Service.EditAsync(user, Chaoyang, p.Id, p.Revision, DetailInputs(total: "20000"));
        var ok = await h.Service.EditAsync(user, Chaoyang, p.Id, p.Revision, DetailInputs(total: "80000", stage: "negotiating"));

        Assert.Contains("不能再更改内资/外资", Assert.IsType<ProjectOutcome.Form>(kind).Value.Errors[ProjectFields.Kind]);
        Assert.Contains("不能小于已累计到位的 30000 万元", Assert.IsType<ProjectOutcome.Form>(below).Value.Errors[ProjectFields.TotalInvestment]);
        var edited = Assert.IsType<ProjectOutcome.Done>(ok).Detail.Status.Project;
        Assert.Equal((80000m, "started"), (edited.Details.TotalInvestment, edited.Stage));
    }

    [Fact]
    public async Task Only_admins_mark_projects_and_a_forged_level_or_stale_mark_changes_nothing()
    {
        var h = await StartAsync();
        var user = await h.ReporterAsync("张三", Chaoyang);
        var p = await h.RegisterAsync(user, Chaoyang);
        var rows = await h.RowsAsync();

        var byReporter = await h.Service.MarkAsync(user, Chaoyang, p.Id, 1, "major");
        var forged = await h.Service.MarkAsync(Admin, Chaoyang, p.Id, 1, "超级");
        Assert.Contains("只有区合作交流办管理员", Assert.IsType<ProjectOutcome.Denied>(byReporter).Reason);
        Assert.IsType<ProjectOutcome.Denied>(forged);
        Assert.Equal(rows, await h.RowsAsync());

        var marked = await h.MarkAsync(p, "major");
        var twice = Assert.IsType<ProjectOutcome.Done>(await h.Service.MarkAsync(Admin, Chaoyang, p.Id, 1, "major"));
        var stale = Assert.IsType<ProjectOutcome.Done>(await h.Service.MarkAsync(Admin, Chaoyang, p.Id, 1, "key"));
        Assert.Equal(("major", 2), (marked.Level, marked.Revision));
        Assert.True(twice.Repeated);
        Assert.Contains("已被修改，本次认定未保存", stale.Message);
        Assert.Equal("major", (await h.Store.GetAsync(Chaoyang, p.Id))!.Level);
        var cleared = await h.MarkAsync(marked, "none");
        Assert.Equal("", cleared.Level);
    }

    [Fact]
    public async Task The_overview_lists_stalled_projects_first_then_by_stage_and_counts_by_unit_and_stage()
    {
        var h = await StartAsync(2023, 1, 10); // registered in January (checking December)
        var zhang = await h.ReporterAsync("张三", Chaoyang);
        var li = await h.ReporterAsync("李四", Baoping);
        var idle = await h.RegisterAsync(zhang, Chaoyang, DetailInputs(name: "停滞项目", stage: "started"));
        var moving = await h.RegisterAsync(zhang, Chaoyang, DetailInputs(name: "推进项目", stage: "signed"));
        var early = await h.RegisterAsync(li, Baoping, DetailInputs(name: "在谈项目", stage: "negotiating"));
        var done = await h.RegisterAsync(li, Baoping, DetailInputs(name: "投产项目", stage: "operating"));
        h.SetToday(2023, 4, 3); // checking March: January was the last progress of the idle ones
        await h.ProgressAsync(zhang, idle, "started", "0");
        await h.ProgressAsync(zhang, moving, "signed", "500");

        var (view, denied) = await h.Views.OverviewAsync(Admin, null, null);
        var (_, reporter) = await h.Views.OverviewAsync(zhang, null, null);

        Assert.Null(denied);
        Assert.Contains("只有区合作交流办管理员", reporter);
        Assert.Equal(["在谈项目", "停滞项目", "推进项目", "投产项目"], view!.Projects.Select(s => s.Project.Name));
        Assert.Equal(["在谈项目", "停滞项目"], view.Stalled.Select(s => s.Project.Name));
        Assert.Equal(2, view.Projects[0].MonthsWithoutProgress);
        Assert.Equal([1, 1, 1, 1], view.ByStage.Select(s => s.Projects));
        Assert.Equal([1, 0, 1, 0], view.ByStage.Select(s => s.Stalled));
        var chaoyang = view.ByUnit.Single(u => u.Unit.Id == Chaoyang);
        Assert.Equal((2, 2, 1), (chaoyang.Projects, chaoyang.Updated, chaoyang.Stalled));
        var filtered = (await h.Views.OverviewAsync(Admin, Units.FindById(Baoping), null)).View!;
        Assert.Equal(["在谈项目", "投产项目"], filtered.Projects.Select(s => s.Project.Name));
        _ = early; _ = done;
    }

    [Fact]
    public async Task My_projects_shows_only_the_bound_units_projects_with_this_months_status()
    {
        var h = await StartAsync();
        var zhang = await h.ReporterAsync("张三", Chaoyang);
        var li = await h.ReporterAsync("李四", Baoping);
        var a = await h.RegisterAsync(zhang, Chaoyang, DetailInputs(name: "甲"));
        await h.RegisterAsync(zhang, Chaoyang, DetailInputs(name: "乙"));
        await h.RegisterAsync(li, Baoping, DetailInputs(name: "丙"));
        await h.ProgressAsync(zhang, a, "signed", "1");

        var (mine, _) = await h.Views.MineAsync(zhang, null);
        var (_, other) = await h.Views.MineAsync(zhang, Units.FindById(Baoping));
        var (_, stranger) = await h.Views.MineAsync(new UserIdentity("x", "路人"), null);

        Assert.Equal(["甲", "乙"], mine!.Projects.Select(s => s.Project.Name));
        Assert.Equal((1, new ReportingMonth(2023, 3)), (mine.Missing, mine.Month));
        Assert.NotNull(mine.Projects[0].ThisMonth);
        Assert.NotNull(other);
        Assert.Contains("绑定", stranger);
    }

    [Fact]
    public async Task The_quarterly_report_covers_major_projects_as_the_quarter_ended_per_stage_and_kind()
    {
        var h = await StartAsync(2023, 2, 3); // checking January
        var zhang = await h.ReporterAsync("张三", Chaoyang);
        var li = await h.ReporterAsync("李四", Baoping);
        var battery = await h.MarkAsync(await h.RegisterAsync(zhang, Chaoyang, DetailInputs(name: "电池项目", total: "100000", stage: "signed")), "major");
        var foreign = await h.MarkAsync(await h.RegisterAsync(li, Baoping, DetailInputs(name: "外资项目", kind: "foreign", total: "2000", stage: "signed")), "major");
        var keyOnly = await h.MarkAsync(await h.RegisterAsync(li, Baoping, DetailInputs(name: "重点项目", total: "900")), "key");
        battery = await h.ProgressAsync(zhang, battery, "signed", "1000");            // January
        h.SetToday(2023, 3, 3);
        battery = await h.ProgressAsync(zhang, battery, "started", "4000", "用地审批待协调"); // February
        foreign = await h.ProgressAsync(li, foreign, "signed", "300");              // February
        h.SetToday(2023, 4, 3);
        foreign = await h.ProgressAsync(li, foreign, "signed", "0", "外汇登记待协调");     // March
        h.SetToday(2023, 5, 3);
        await h.ProgressAsync(zhang, battery, "operating", "9000");                  // April: after the quarter
        _ = keyOnly;

        var report = await h.Reports.BuildAsync(new ReportQuarter(2023, 1));

        Assert.Equal(["外资项目", "电池项目"], report.Projects.Select(p => p.Name)); // 重点 only is not in it; 签约 before 开工
        var b = report.Projects.Single(p => p.Name == "电池项目");
        Assert.Equal(("开工", 5000m, 5000m, 100000m, "用地审批待协调", "2023年2月"), (b.StageName, b.ArrivedInQuarter, b.ArrivedToDate, b.TotalInvestment, b.Problems, b.ProblemsMonth));
        var f = report.Projects.Single(p => p.Name == "外资项目");
        Assert.Equal(("万美元", 300m, "外汇登记待协调", false), (f.Unit, f.ArrivedToDate, f.Problems, f.Stalled));
        var started = report.ByStage.Single(s => s.StageName == "开工");
        Assert.Equal((1, 100000m, 5000m), (started.Projects, started.Plan.Single(m => m.KindName == "内资").Amount, started.ArrivedToDate.Single().Amount));
        Assert.Equal(2000m, report.ByStage.Single(s => s.StageName == "签约").Plan.Single(m => m.Unit == "万美元").Amount);
        Assert.Equal(["内资 100000 万元", "外资 2000 万美元"], report.Sum(l => l.Plan).Select(m => $"{m.KindName} {m.Amount:0.##} {m.Unit}"));
        Assert.Equal(2, report.WithProblems.Count());
    }
}
