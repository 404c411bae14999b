using System.Net;
using InvestBot.Access;
using InvestBot.Common;
using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Organization;
using InvestBot.Reporting.Bot;
using InvestBot.Ranking.Bot;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// Issue 19, item 1: the read-only 督查 role. The office grants it (区合作交流办设定) to people of the units the document
/// makes supervise the work — 区纪委监委 and 区委督查室 (（二十六）), 区商务局 (（二十五）（二十六））. A 督查 user sees
/// 填报情况, 重点项目 and a project's card, and downloads the 督查报告 and the exports; every command or card action that
/// changes something — typed, pressed on an admin's card, or forged — is refused in Chinese and writes nothing.
/// </summary>
[Trait("Category", "Http")]
public sealed class SupervisorRoleHttpTests : KeyProjectBotTestBase
{
    private static readonly TestUser Supervisor = TestUser.Named("纪委监委督查员");
    private readonly TestUser _zhang = TestUser.Named("张三");

    protected override IDictionary<string, string?> MoreSettings => new Dictionary<string, string?>
    {
        ["InvestBot:Supervisors:0:Id"] = Supervisor.AadObjectId,
        ["InvestBot:Supervisors:0:Unit"] = "区纪委监委",
    };

    /// <summary>Every row (with its ETag) of the tables a change would write, to prove a refusal wrote nothing.</summary>
    private Task<List<string>> StateAsync() => RowsAsync(KeyProjectStore.Table, "UnitBindings", "BindingRequests", "MonthlyFigures",
        "ReportingReopens", "ReporterRoster", "OpeningBalances", "AnnualTargets", "RankingSubscriptions", "RankingAnnouncements", "RankingDeliveries");

    [Fact]
    public async Task A_supervisor_sees_the_reporting_status_and_downloads_the_exports_and_the_supervision_report()
    {
        await BindAsync(_zhang, Chaoyang); // a reporter who has not reported: someone 一键催报 would remind
        var statusCard = await CardAsync("填报情况 2023-03", Supervisor);
        var adminStatusCard = await CardAsync("填报情况 2023-03", TestUser.Admin);
        var status = BotClient.CardText(statusCard);
        var export = await CardAsync("导出 2023-03", Supervisor);
        var ledger = await CardAsync("导出项目 2023-03", Supervisor);
        var report = await CardAsync("督查报告 2023Q1", Supervisor);
        var bulletin = await SayAsync("导出通报表 2023-03", Supervisor);
        var help = await SayAsync("帮助", Supervisor);

        Assert.Contains("2023年3月", status);
        Assert.Contains("潮阳街道", status);
        Assert.DoesNotContain("只有区合作交流办管理员", status);
        // The units to remind are there, but 一键催报 is an admin's act: a 督查 reader is not offered it.
        Assert.DoesNotContain(statusCard.SelectTokens("$..verb"), v => v.ToString() == ReportViewCards.RemindVerb);
        Assert.Contains(adminStatusCard.SelectTokens("$..verb"), v => v.ToString() == ReportViewCards.RemindVerb);
        Assert.Contains(statusCard.SelectTokens("$..title"), t => t.ToString() == "导出 Excel");
        foreach (var link in new[] { export.SelectToken("actions[0].url"), ledger.SelectToken("actions[0].url"),
                     report.SelectToken("actions[?(@.title == '下载报告（Word）')].url") })
        {
            using var file = await App.CreateClient().GetAsync(new Uri(link!.ToString()).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }
        Assert.Contains("2023年第一季度重大招商项目督查报告", BotClient.CardText(report));
        Assert.DoesNotContain("只有区合作交流办管理员", bulletin); // no ranking published yet: it says so, it does not refuse
        Assert.DoesNotContain("督查用户只能查看", bulletin);
        Assert.Contains("督查（只读）", help);
        Assert.Contains("督查报告", help);
    }

    [Fact]
    public async Task A_supervisor_sees_the_key_project_check_and_a_projects_card_without_buttons_that_change_it()
    {
        await BindAsync(_zhang, Chaoyang);
        var project = await RegisteredAsync(_zhang, Chaoyang);

        var overview = await SayAsync("重点项目", Supervisor);
        var detail = await Bot.ExecuteAsync(KeyProjectCards.ViewVerb, Ref(project), Supervisor);
        var opened = await Bot.ExecuteAsync(KeyProjectCards.OpenVerb, new OpenCommandPayload(KeyProjectCommands.Export).ToData(), Supervisor);

        Assert.Contains("动力电池正极材料项目", overview);
        var card = detail.Card!;
        Assert.Contains("动力电池正极材料项目", BotClient.CardText(card));
        var verbs = card.SelectTokens("$..actions[*].verb").Select(v => v.ToString()).ToList();
        Assert.DoesNotContain(KeyProjectCards.MarkVerb, verbs);
        Assert.DoesNotContain(KeyProjectCards.ProgressOpenVerb, verbs);
        Assert.DoesNotContain(KeyProjectCards.EditOpenVerb, verbs);
        Assert.DoesNotContain("督查用户", opened.Message ?? "");
        Assert.Contains(opened.Messages, m => BotClient.Cards(m).Any(c => BotClient.CardText(c).Contains("项目台账（")));
    }

    [Fact]
    public async Task A_supervisor_records_what_their_check_found_beside_the_project_which_stays_unchanged()
    {
        // （二十六）: 区纪委监委 and 区委督查室 check the work; a finding is added beside the project, never changing it.
        await BindAsync(_zhang, Chaoyang);
        var project = await RegisteredAsync(_zhang, Chaoyang);
        var detail = (await Bot.ExecuteAsync(KeyProjectCards.ViewVerb, Ref(project), Supervisor)).Card!;
        var form = (await Bot.ExecuteAsync(KeyProjectCards.FindingOpenVerb, ActionOf(detail, KeyProjectCards.FindingOpenVerb)["data"]!, Supervisor)).Card!;
        var saved = await Bot.ExecuteAsync(KeyProjectCards.FindingVerb, Submission(form, KeyProjectCards.FindingVerb, new Dictionary<string, string>
        {
            [ProjectFields.FindingSource] = CheckFinding.Local, [ProjectFields.FindingText] = "区委督查室检查发现施工许可未按期办理",
        }), Supervisor);

        Assert.Contains("已记录本级检查发现的问题", BotClient.CardText(saved.Card!));
        var finding = Assert.Single(await Store.FindingsAsync(Chaoyang, project.Id));
        Assert.Equal(Supervisor.AadObjectId, finding.By);
        Assert.Equal(project.Revision, (await Store.GetAsync(Chaoyang, project.Id))!.Revision);
    }

    [Theory]
    [InlineData("重新开放 潮阳街道 2023-03", "重新开放")]
    [InlineData("重新开放 全部 2023-03", "重新开放")]
    [InlineData("年度目标 潮阳街道 2023", "年度目标")]
    [InlineData("导入目标 2023\n单位,domesticProjects\n潮阳街道,5", "导入目标")]
    [InlineData("期初累计 潮阳街道 2023", "期初累计")]
    [InlineData("解绑 张三", "解绑")]
    [InlineData("绑定列表", "绑定列表")]
    [InlineData("导入填报人", "导入填报人")]
    [InlineData("发布排名 2023-03", "发布排名")]
    [InlineData("更正排名 2023-03", "更正排名")]
    [InlineData("发布项目通报 2023Q1", "发布项目通报")]
    [InlineData("更正项目通报 2023Q1", "更正项目通报")]
    [InlineData("订阅列表", "订阅列表")]
    [InlineData("评分规则", "评分规则")]
    [InlineData("未答问题", "未答问题")]
    public async Task Every_command_that_changes_or_administers_is_refused_and_writes_nothing(string typed, string command)
    {
        await BindAsync(_zhang, Chaoyang);
        var before = await StateAsync();

        var reply = await SayAsync(typed, Supervisor);

        Assert.Contains(BotTexts.SupervisorReadOnly(command), reply);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Subscribing_a_group_and_filling_in_a_units_figures_are_refused()
    {
        var before = await StateAsync();

        var subscribe = await SayAsync("订阅通报", Supervisor, TestConversation.Group());
        var fillIn = await SayAsync("填报 潮阳街道 2023-03", Supervisor);
        var register = await SayAsync("登记项目 潮阳街道", Supervisor);

        Assert.Contains(BotTexts.SupervisorReadOnly("订阅通报"), subscribe);
        Assert.DoesNotContain("report.submit", fillIn); // no form for another unit
        Assert.Contains(KeyProjectTexts.SupervisorReadsOnly, register);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Admin_cards_pressed_or_forged_by_a_supervisor_are_refused_and_write_nothing()
    {
        await BindAsync(_zhang, Chaoyang);
        var project = await RegisteredAsync(_zhang, Chaoyang);
        // What an admin's cards carry: the same data a 督查 user could copy or forge.
        var adminDetail = (await Bot.ExecuteAsync(KeyProjectCards.ViewVerb, Ref(project), TestUser.Admin)).Card!;
        var mark = (JObject)ActionOf(adminDetail, KeyProjectCards.MarkVerb)["data"]!;
        var editForm = (await Bot.ExecuteAsync(KeyProjectCards.EditOpenVerb, Ref(project), TestUser.Admin)).Card!;
        var progressForm = (await Bot.ExecuteAsync(KeyProjectCards.ProgressOpenVerb, Ref(project), TestUser.Admin)).Card!;
        var targetForm = await CardAsync("年度目标 潮阳街道 2023", TestUser.Admin);
        var openingForm = await CardAsync("期初累计 潮阳街道 2023", TestUser.Admin);
        var figuresForm = await CardAsync("填报 潮阳街道 2023-03", TestUser.Admin);
        var statusCard = await CardAsync("填报情况 2023-03", TestUser.Admin);
        var before = await StateAsync();

        var pressed = new List<(string Verb, InvokeResult Result)>
        {
            (KeyProjectCards.MarkVerb, await Bot.ExecuteAsync(KeyProjectCards.MarkVerb, mark, Supervisor)),
            (KeyProjectCards.EditVerb, await Bot.ExecuteAsync(KeyProjectCards.EditVerb,
                Submission(editForm, KeyProjectCards.EditVerb, new Dictionary<string, string> { [ProjectFields.Name] = "被改名的项目" }), Supervisor)),
            (KeyProjectCards.ProgressVerb, await Bot.ExecuteAsync(KeyProjectCards.ProgressVerb,
                Submission(progressForm, KeyProjectCards.ProgressVerb, new Dictionary<string, string> { [ProjectFields.Arrived] = "100" }), Supervisor)),
            (KeyProjectCards.EditOpenVerb, await Bot.ExecuteAsync(KeyProjectCards.EditOpenVerb, Ref(project), Supervisor)),
            (KeyProjectCards.OpenVerb, await Bot.ExecuteAsync(KeyProjectCards.OpenVerb, new OpenCommandPayload(KeyProjectCommands.Publish).ToData(), Supervisor)),
            (ReportTargetCards.SaveVerb, await Bot.ExecuteAsync(ReportTargetCards.SaveVerb,
                Submission(targetForm, ReportTargetCards.SaveVerb, new Dictionary<string, string> { ["m_domesticProjects"] = "99" }), Supervisor)),
            (OpeningBalanceCards.SaveVerb, await Bot.ExecuteAsync(OpeningBalanceCards.SaveVerb, Submission(openingForm, OpeningBalanceCards.SaveVerb), Supervisor)),
            (ReportViewCards.RemindVerb, await Bot.ExecuteAsync(ReportViewCards.RemindVerb, ActionOf(statusCard, ReportViewCards.RemindVerb)["data"]!, Supervisor)),
            (ReportCards.SubmitVerb, await Bot.ExecuteAsync(ReportCards.SubmitVerb, Submission(figuresForm, ReportCards.SubmitVerb, new Dictionary<string, string>
            {
                ["m_domesticProjects"] = "4", ["m_domesticProjects10m"] = "2", ["m_domesticProjects100m"] = "1", ["m_domesticCapital"] = "1500",
                ["m_hqEnterprises"] = "3", ["m_foreignEnterprises"] = "0", ["m_foreignCapital"] = "0", ["m_marketEntities"] = "40",
                ["m_physicalProjects"] = "2", ["m_teamSize"] = "6", ["m_promotionEvents"] = "1",
            }), Supervisor)),
            // Forged: admin-looking data on verbs only admins may press.
            (BindingCards.ApproveVerb, await Bot.ExecuteAsync(BindingCards.ApproveVerb,
                new JObject { ["userId"] = Supervisor.AadObjectId, ["unitId"] = Chaoyang, ["isAdmin"] = true, ["role"] = "admin" }, Supervisor)),
            (BindingCards.UnbindVerb, await Bot.ExecuteAsync(BindingCards.UnbindVerb, new JObject { ["userId"] = _zhang.AadObjectId, ["isAdmin"] = true }, Supervisor)),
            (RankingCards.ConfirmVerb, await Bot.ExecuteAsync(RankingCards.ConfirmVerb, new JObject { ["month"] = "2023-03", ["isAdmin"] = true }, Supervisor)),
            (MajorProjectReportCards.ConfirmVerb, await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb,
                new JObject { ["quarter"] = "2023Q1", ["revision"] = 0, ["isAdmin"] = true }, Supervisor)),
        };

        foreach (var (verb, result) in pressed)
        {
            var said = (result.Message ?? "") + (result.Card is { } c ? BotClient.CardText(c) : "");
            Assert.True(said.Contains("督查用户") || said.Contains("数据未保存"), $"{verb}: {said}");
            Assert.DoesNotContain("已保存", said);
        }
        Assert.Equal(before, await StateAsync());
        Assert.Equal(project.Name, (await Store.GetAsync(Chaoyang, project.Id))!.Name);
    }
}

/// <summary>Who may be given the 督查 role: only people of the units the document makes supervise the work, checked at start-up.</summary>
[Trait("Category", "Unit")]
public sealed class SupervisorRoleRulesTests
{
    private static readonly UnitDirectory Units = UnitDirectory.Load(RepoPaths.SourceData("units.json"));

    private static UserRoles Roles(params (string Id, string Unit)[] supervisors) => new(Options.Create(new InvestBotOptions
    {
        Admins = ["admin-1"],
        Supervisors = supervisors.Select(s => new SupervisorSetting { Id = s.Id, Unit = s.Unit }).ToList(),
    }), Units);

    [Fact]
    public void Only_the_supervising_units_of_articles_twenty_five_and_twenty_six_may_hold_the_role()
    {
        var allowed = Units.Units.Where(u => u.SupervisorSource is not null).ToDictionary(u => u.Name, u => u.SupervisorSource!);

        Assert.Equal(new[] { "区商务局", "区纪委监委", "区委督查室" }.Order(StringComparer.Ordinal), allowed.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("（二十六）", allowed["区纪委监委"]);
        Assert.StartsWith("（二十六）", allowed["区委督查室"]);
        Assert.StartsWith("（二十五）（二十六）", allowed["区商务局"]);
    }

    [Fact]
    public void A_supervisor_of_a_supervising_unit_reads_and_an_admin_stays_an_admin()
    {
        var roles = Roles(("aad-jw", "纪委"), ("aad-sw", "dept-swj"), ("admin-1", "区委督查室"));

        Assert.True(roles.IsSupervisor(new UserIdentity("aad-jw", null)));
        Assert.Equal("区纪委监委", roles.SupervisorUnit(new UserIdentity("aad-jw", null))!.Name);
        Assert.True(roles.MayView(new UserIdentity("aad-sw", null)));
        Assert.False(roles.IsAdmin(new UserIdentity("aad-jw", null)));
        Assert.False(roles.IsSupervisor(new UserIdentity("admin-1", null))); // an admin listed twice keeps the admin's rights
        Assert.True(roles.IsAdmin(new UserIdentity("admin-1", null)));
        Assert.False(roles.MayView(new UserIdentity("someone", null)));
        Assert.False(roles.IsSupervisor(new UserIdentity("", null)));
    }

    [Theory]
    [InlineData("潮阳街道", "潮阳街道的人员不能设为督查")]
    [InlineData("区委组织部", "区委组织部的人员不能设为督查")]
    [InlineData("不存在的单位", "不在 units.json 中")]
    public void A_supervisor_of_any_other_unit_stops_the_start_with_a_chinese_message(string unit, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Roles(("aad-x", unit)));

        Assert.Contains("InvestBot:Supervisors:0", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_a_supervisor_of_a_town()
    {
        await using var app = await BotApp.StartAsync(new Dictionary<string, string?>
        {
            ["InvestBot:Supervisors:0:Id"] = "aad-x", ["InvestBot:Supervisors:0:Unit"] = "潮阳街道",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Client());
        Assert.Contains("不能设为督查", error.ToString());
    }
}
