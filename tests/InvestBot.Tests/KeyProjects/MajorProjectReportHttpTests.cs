using InvestBot.Common;
using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Announcements;
using InvestBot.Reporting.Bot;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// The quarterly 重大招商项目推进情况通报 through the shared announcement delivery (queue, claims, loopback connector), and the
/// project reminders sent with the figures'. The clock runs (the delivery worker waits on it), moved to 2023-04-03.
/// </summary>
[Trait("Category", "Http")]
public sealed class MajorProjectReportHttpTests : KeyProjectBotTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TestConversation Group = TestConversation.Group("19:keyprojects-group@thread.v2");
    private readonly TestUser _zhang = TestUser.Named("张三");

    protected override TimeProvider Clock { get; } =
        ShiftedTimeProvider.ToDay(TimeProvider.System, new DateOnly(2023, 4, 3), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private async Task<KeyProject> MajorProjectWithMarchProgressAsync()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang, "动力电池正极材料项目", "100000");
        await UpdateAsync(_zhang, p, "started", "25000", "供电线路待区电力部门协调");
        p = (await Store.GetAsync(Chaoyang, p.Id))!;
        await Bot.ExecuteAsync(KeyProjectCards.MarkVerb, new MarkPayload(p.UnitId, p.Id, p.Revision, "major").ToData(), TestUser.Admin);
        return p;
    }

    [Fact]
    public async Task The_admin_previews_then_publishes_once_and_the_report_reaches_the_subscribed_group()
    {
        await MajorProjectWithMarchProgressAsync();
        Assert.Contains(KeyProjectTexts.NoSubscribers, await SayAsync("发布项目通报 2023Q1", TestUser.Admin));
        await Bot.InstallAsync(Group, TestUser.Admin);
        Assert.Contains("已订阅", await SayAsync("订阅通报", TestUser.Admin, Group));
        await SayAsync("帮助", TestUser.Admin); // the admin's personal chat, where the completion notice goes

        var preview = (await Bot.SayAsync("发布项目通报 2023年第一季度", TestUser.Admin)).SelectMany(BotClient.Cards).ToList();
        var confirm = preview.Last();
        var report = BotClient.CardText(preview[0]);
        Assert.Contains("2023年第一季度重大招商项目推进情况通报", report);
        Assert.Contains("（二十六）“每季度通报重大招商项目推进情况”", report);
        Assert.Contains("动力电池正极材料项目", report);
        Assert.Contains("供电线路待区电力部门协调", report);
        Assert.Contains("25000 万元", report);
        Assert.Contains("接收会话", BotClient.CardText(confirm));
        Assert.Empty(Connector.PostsTo(Group.Id)); // nothing is sent before confirmation

        var data = ActionOf(confirm, MajorProjectReportCards.ConfirmVerb)["data"]!;
        Assert.Equal(BotTexts.AdminOnlyAction, (await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb, data, _zhang)).Message);
        var started = await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb, data, TestUser.Admin);
        Assert.Contains("正在发布：2023年第一季度重大招商项目推进情况通报", BotClient.CardText(started.Card!));

        var posted = await Connector.WaitForAsync(Group.Id, a => BotClient.AllText([a]).Contains("重大招商项目推进情况通报"), Timeout);
        Assert.Contains("动力电池正极材料项目", BotClient.AllText([posted]));
        var note = await Connector.WaitForAsync(TestConversation.Personal(TestUser.Admin).Id, a => a.Text?.Contains("发布完成") == true, Timeout);
        Assert.Equal("2023年第一季度重大招商项目推进情况通报发布完成：已送达 1/1 个会话。", note.Text);
        var parts = Connector.PostsTo(Group.Id).Count;

        // Once per quarter: a second press, a second command, a second admin send nothing more.
        Assert.Equal(KeyProjectTexts.ReportAlreadyPublished(new ReportQuarter(2023, 1)),
            (await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb, data, TestUser.Admin)).Message);
        Assert.Contains("已于", await SayAsync("发布项目通报 2023Q1", TestUser.Admin));
        Assert.Equal(parts, Connector.PostsTo(Group.Id).Count);
        var stored = Assert.Single(await App.Service<AnnouncementStore>().ListRecordsAsync(MajorProjectPublisher.Kind));
        Assert.Equal(("kp-2023Q1.r0", AnnouncementState.Completed), (stored.Id, stored.State));
        // The ranking's own list is not confused by another kind of announcement.
        Assert.Empty(await App.Service<InvestBot.Ranking.RankingAnnouncementStore>().ListAsync());
        Assert.Contains("目前还没有发布过排名通报", await SayAsync("排名", _zhang));
    }

    [Fact]
    public async Task A_quarter_without_major_projects_is_not_published_and_offers_no_confirm()
    {
        await Bot.InstallAsync(Group, TestUser.Admin);
        await SayAsync("订阅通报", TestUser.Admin, Group);

        var replies = await Bot.SayAsync("发布项目通报 2023Q1", TestUser.Admin);

        Assert.Empty(replies.SelectMany(BotClient.Cards));
        Assert.Contains("没有重大招商项目", BotClient.AllText(replies));
        var forged = await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb, new ReportPayload("2023Q1").ToData(), TestUser.Admin);
        Assert.Contains("没有重大招商项目", forged.Message);
        Assert.Empty(await App.Service<AnnouncementStore>().ListRecordsAsync(MajorProjectPublisher.Kind));
    }

    [Fact]
    public async Task A_correction_is_refused_while_nothing_changed_and_goes_out_numbered_after_a_change()
    {
        var project = await MajorProjectWithMarchProgressAsync();
        await Bot.InstallAsync(Group, TestUser.Admin);
        await SayAsync("订阅通报", TestUser.Admin, Group);
        Assert.Contains("尚未发布，无需更正", await SayAsync("更正项目通报 2023Q1", TestUser.Admin));
        var confirm = (await Bot.SayAsync("发布项目通报 2023Q1", TestUser.Admin)).SelectMany(BotClient.Cards).Last();
        await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb, ActionOf(confirm, MajorProjectReportCards.ConfirmVerb)["data"]!, TestUser.Admin);

        var same = await Bot.SayAsync("更正项目通报 2023Q1", TestUser.Admin);
        Assert.Empty(same.SelectMany(BotClient.Cards));
        Assert.Contains("台账没有变化", BotClient.AllText(same));

        // March's progress corrected changes the quarter's report: the correction is previewed and goes out as 第 1 次更正.
        await UpdateAsync(_zhang, (await Store.GetAsync(Chaoyang, project.Id))!, "started", "30000", "供电线路已协调完毕");
        var preview = (await Bot.SayAsync("更正项目通报 2023Q1", TestUser.Admin)).SelectMany(BotClient.Cards).ToList();
        Assert.Contains("第 1 次更正", BotClient.CardText(preview.Last()));
        var started = await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb, ActionOf(preview.Last(), MajorProjectReportCards.ConfirmVerb)["data"]!, TestUser.Admin);
        Assert.Contains("（第 1 次更正）", BotClient.CardText(started.Card!));
        await Connector.WaitForAsync(Group.Id, a => BotClient.AllText([a]).Contains("第 1 次更正"), Timeout);
    }

    [Fact]
    public async Task Cancel_sends_nothing_and_a_quarter_that_has_not_ended_cannot_be_published()
    {
        await MajorProjectWithMarchProgressAsync(); // a quarter without 重大 projects offers no confirm at all
        await Bot.InstallAsync(Group, TestUser.Admin);
        await SayAsync("订阅通报", TestUser.Admin, Group);

        var confirm = (await Bot.SayAsync("发布项目通报 2023Q1", TestUser.Admin)).SelectMany(BotClient.Cards).Last();
        var cancelled = await Bot.ExecuteAsync(MajorProjectReportCards.CancelVerb, ActionOf(confirm, MajorProjectReportCards.CancelVerb)["data"]!, TestUser.Admin);
        var future = await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb, new ReportPayload("2023Q2").ToData(), TestUser.Admin);
        var forged = await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb, new JObject { ["quarter"] = "2023Q9" }, TestUser.Admin);

        Assert.Contains("已取消发布", BotClient.CardText(cancelled.Card!));
        Assert.Equal(KeyProjectTexts.QuarterNotEnded(new ReportQuarter(2023, 2)), future.Message);
        Assert.Equal(KeyProjectTexts.ButtonInvalid, forged.Message);
        Assert.Contains("还没有结束", await SayAsync("发布项目通报 2023Q2", TestUser.Admin));
        Assert.Empty(await App.Service<AnnouncementStore>().ListRecordsAsync(null));
        Assert.Empty(Connector.PostsTo(Group.Id));
    }

    [Fact]
    public async Task Reporters_with_projects_not_yet_updated_are_reminded_with_the_figures_and_not_after_updating()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);
        var job = App.Service<ReportReminderJob>();
        var personal = TestConversation.Personal(_zhang).Id;
        bool IsProjectReminder(Microsoft.Bot.Schema.Activity a) => a.Text?.Contains("个项目尚未更新") == true;

        await job.SendAsync(TestClock.Beijing(2023, 4, 3, 9), CancellationToken.None);
        var reminder = await Connector.WaitForAsync(personal, IsProjectReminder, Timeout);
        await UpdateAsync(_zhang, p, "signed", "0");
        await job.SendAsync(TestClock.Beijing(2023, 4, 3, 10), CancellationToken.None);

        Assert.Equal("提醒：潮阳街道有 1 个项目尚未更新2023年3月进展，请在4月5日前更新。", reminder.Text);
        Assert.Contains("潮阳街道的项目", BotClient.AllText([reminder]));
        Assert.Single(Connector.To(personal), IsProjectReminder);
        // The figures' reminder goes out in both runs (March's figures are still missing); the project's only while it is.
        Assert.Equal(2, Connector.To(personal).Count(a => a.Text?.Contains("数据尚未提交") == true));
    }

    [Fact]
    public async Task Reminders_tell_updates_apart_by_unit_when_two_units_chose_the_same_project_id()
    {
        var li = TestUser.Named("李四");
        await BindAsync(_zhang, Chaoyang);
        await BindAsync(li, Baoping);
        var mine = await RegisteredAsync(_zhang, Chaoyang);
        // Project ids come from the card, so another unit's client can pick the same one.
        var form = await CardAsync("登记项目", li);
        var sameId = await Bot.ExecuteAsync(KeyProjectCards.RegisterVerb, Submission(form, KeyProjectCards.RegisterVerb,
            new Dictionary<string, string>(Details(name: "宝平同号项目")) { ["projectId"] = mine.Id }), li);
        Assert.Contains("已登记", BotClient.CardText(sameId.Card!));
        Assert.Equal(mine.Id, (await Store.ListUnitAsync(Baoping)).Single().Id);
        await UpdateAsync(_zhang, mine, "signed", "0");

        await App.Service<ReportReminderJob>().SendAsync(TestClock.Beijing(2023, 4, 3, 9), CancellationToken.None);

        bool IsProjectReminder(Microsoft.Bot.Schema.Activity a) => a.Text?.Contains("个项目尚未更新") == true;
        var reminder = await Connector.WaitForAsync(TestConversation.Personal(li).Id, IsProjectReminder, Timeout);
        Assert.Contains("宝平街道有 1 个项目尚未更新", reminder.Text);
        // 张三's figures reminder arrives; his unit's project is updated, so no project reminder goes with it.
        await Connector.WaitForAsync(TestConversation.Personal(_zhang).Id, a => a.Text?.Contains("数据尚未提交") == true, Timeout);
        Assert.DoesNotContain(Connector.To(TestConversation.Personal(_zhang).Id), IsProjectReminder);
    }
}
