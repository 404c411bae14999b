using Azure.Data.Tables;
using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Storage;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using MiniExcelLibs;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// A check finding (（二十六）“及时通报上级和本级检查发现的问题”) can be marked 已整改 — by an admin or a 督查 user, with who, when
/// and an optional note — and reopened when marked by mistake (区合作交流办设定: the document asks for no rectification
/// tracking). Never deleted: every change is a history row. Reporters see the state but may not close their findings;
/// forged and stale presses are refused in Chinese and write nothing.
/// </summary>
[Trait("Category", "Http")]
public sealed class KeyProjectFindingRectificationHttpTests : KeyProjectBotTestBase
{
    private static readonly TestUser Supervisor = TestUser.Named("纪委监委督查员");
    private readonly TestUser _zhang = TestUser.Named("张三");

    protected override IDictionary<string, string?> MoreSettings => new Dictionary<string, string?>
    {
        ["InvestBot:Supervisors:0:Id"] = Supervisor.AadObjectId,
        ["InvestBot:Supervisors:0:Unit"] = "区纪委监委",
    };

    private const string FindingText = "区委督查室检查发现施工许可未按期办理";

    /// <summary>A 重大 project of 潮阳街道 with one 本级 finding recorded by the admin.</summary>
    private async Task<(KeyProject Project, CheckFinding Finding)> ProjectWithFindingAsync(string name = "动力电池正极材料项目", string text = FindingText)
    {
        var p = await RegisteredAsync(_zhang, Chaoyang, name);
        await UpdateAsync(_zhang, p, "signed", "100"); // March's update: the project is in the first quarter's 督查报告
        p = (await Store.GetAsync(Chaoyang, p.Id))!;
        await Store.MarkAsync(Chaoyang, p.Id, p.Revision, KeyProjectRules.MajorLevel, "admin", "王主任");
        p = (await Store.GetAsync(Chaoyang, p.Id))!;
        var form = (await Bot.ExecuteAsync(KeyProjectCards.FindingOpenVerb, Ref(p), TestUser.Admin)).Card!;
        await Bot.ExecuteAsync(KeyProjectCards.FindingVerb, Submission(form, KeyProjectCards.FindingVerb, new Dictionary<string, string>
        {
            [ProjectFields.FindingSource] = CheckFinding.Local, [ProjectFields.FindingText] = text,
        }), TestUser.Admin);
        return (p, Assert.Single(await Store.FindingsAsync(Chaoyang, p.Id)));
    }

    private async Task<JObject> CardOfAsync(KeyProject p, TestUser user) => (await Bot.ExecuteAsync(KeyProjectCards.ViewVerb, Ref(p), user)).Card!;

    private static IEnumerable<string> Verbs(JObject card) => card.SelectTokens("$..actions[*].verb").Select(v => v.ToString());

    /// <summary>整改完成 on the card → the note form → 确认整改完成.</summary>
    private async Task<InvokeResult> RectifyAsync(JObject card, TestUser user, string note)
    {
        var form = (await Bot.ExecuteAsync(KeyProjectCards.RectifyOpenVerb, ActionOf(card, KeyProjectCards.RectifyOpenVerb)["data"]!, user)).Card!;
        return await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, Submission(form, KeyProjectCards.RectifyVerb,
            new Dictionary<string, string> { [ProjectFields.RectificationNote] = note }), user);
    }

    [Fact]
    public async Task A_supervisor_marks_a_finding_rectified_the_card_overview_and_supervision_report_say_so_and_it_can_be_reopened()
    {
        await BindAsync(_zhang, Chaoyang);
        var (p, _) = await ProjectWithFindingAsync();
        var before = BotClient.CardText(await CardAsync("重点项目", TestUser.Admin));

        var form = (await Bot.ExecuteAsync(KeyProjectCards.RectifyOpenVerb,
            ActionOf(await CardOfAsync(p, Supervisor), KeyProjectCards.RectifyOpenVerb)["data"]!, Supervisor)).Card!;
        var saved = await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, Submission(form, KeyProjectCards.RectifyVerb,
            new Dictionary<string, string> { [ProjectFields.RectificationNote] = "已补办**施工许可**" }), Supervisor);
        var reporterCard = await CardOfAsync(p, _zhang);
        var overview = BotClient.CardText(await CardAsync("重点项目", TestUser.Admin));
        var report = await CardAsync("督查报告 2023Q1", Supervisor);
        var client = App.CreateClient();
        var word = InvestBot.Tests.Ranking.RankingBulletinTests.ReadWord(await client.GetByteArrayAsync(
            new Uri(report.SelectToken("actions[?(@.title == '下载报告（Word）')].url")!.ToString()).PathAndQuery));
        var book = new MemoryStream(await client.GetByteArrayAsync(new Uri(report.SelectToken("actions[?(@.title == '下载附件（Excel）')].url")!.ToString()).PathAndQuery));

        Assert.Contains("区合作交流办设定", BotClient.CardText(form));
        Assert.Equal(200, form.SelectToken($"$..body[?(@.id == '{ProjectFields.RectificationNote}')].maxLength")!.Value<int>());
        var card = BotClient.CardText(saved.Card!);
        Assert.Contains("已将这条本级检查发现的问题标记为已整改", card);
        Assert.Contains("已整改（4月3日 纪委监委督查员确认：已补办\\*\\*施工许可\\*\\*）", card); // the note shown literally, the person by name
        Assert.Contains("未整改 0 条，已整改 1 条", card);
        Assert.Contains(KeyProjectCards.ReopenVerb, Verbs(saved.Card!));
        Assert.DoesNotContain(KeyProjectCards.RectifyOpenVerb, Verbs(saved.Card!));
        Assert.Equal(p.Revision, (await Store.GetAsync(Chaoyang, p.Id))!.Revision); // the project itself is untouched
        // The unit's reporter sees the state but is offered neither button.
        Assert.Contains("已整改（4月3日 纪委监委督查员确认", BotClient.CardText(reporterCard));
        Assert.DoesNotContain(KeyProjectCards.ReopenVerb, Verbs(reporterCard));
        Assert.DoesNotContain(KeyProjectCards.RectifyOpenVerb, Verbs(reporterCard));
        // The monthly check lists only open findings and counts the rectified.
        Assert.Contains($"【本级检查】潮阳街道 · 动力电池正极材料项目：{FindingText}", before);
        Assert.DoesNotContain(FindingText, overview);
        Assert.Contains(KeyProjectTexts.RectifiedCount(1), overview);
        // The 督查报告 shows each finding with its state.
        Assert.True(word.Paragraphs.Any(t => t.Contains("已整改 1 项、未整改 0 项（整改标记为区合作交流办设定）")), string.Join("\n", word.Paragraphs));
        Assert.Contains(word.Paragraphs, t => t.Contains($"【本级检查】潮阳街道“动力电池正极材料项目”：{FindingText}（2023年3月检查）。已整改（4月3日 纪委监委督查员确认：已补办**施工许可**）"));
        var row = book.Query(useHeaderRow: true, sheetName: "上级和本级检查发现的问题", excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().Single();
        Assert.Equal(("已整改", "纪委监委督查员", "已补办**施工许可**"), ((string)row["整改情况"], (string)row["整改确认人"], (string)row["整改说明"]));

        // 重新打开: open again, and listed again; the earlier mark stays in the history.
        var reopened = await Bot.ExecuteAsync(KeyProjectCards.ReopenVerb, ActionOf(saved.Card!, KeyProjectCards.ReopenVerb)["data"]!, TestUser.Admin);
        var again = BotClient.CardText(await CardAsync("重点项目", TestUser.Admin));

        Assert.Contains("已重新打开这条本级检查发现的问题", BotClient.CardText(reopened.Card!));
        Assert.Contains("未整改 1 条，已整改 0 条", BotClient.CardText(reopened.Card!));
        Assert.Contains(KeyProjectCards.RectifyOpenVerb, Verbs(reopened.Card!));
        Assert.Contains($"【本级检查】潮阳街道 · 动力电池正极材料项目：{FindingText}", again);
        var finding = Assert.Single(await Store.FindingsAsync(Chaoyang, p.Id));
        Assert.True(finding.IsOpen);
        Assert.Equal(FindingText, finding.Text);
        var history = await Store.FindingChangesAsync(Chaoyang, p.Id, finding.Id);
        Assert.Equal([(1, true, "纪委监委督查员", "已补办**施工许可**"), (2, false, TestUser.Admin.Name, "")],
            history.Select(c => (c.Revision, c.Rectified, c.ByName!, c.Note)));
    }

    [Fact]
    public async Task An_open_finding_stays_on_the_later_months_check_until_it_is_rectified()
    {
        await BindAsync(_zhang, Chaoyang);
        var (p, _) = await ProjectWithFindingAsync(); // recorded in March's check

        var april = BotClient.CardText(await CardAsync("重点项目 2023-04", TestUser.Admin));
        var saved = await RectifyAsync(await CardOfAsync(p, TestUser.Admin), TestUser.Admin, "");
        var aprilAfter = BotClient.CardText(await CardAsync("重点项目 2023-04", TestUser.Admin));
        var march = BotClient.CardText(await CardAsync("重点项目 2023-03", TestUser.Admin));

        Assert.Contains($"【本级检查】潮阳街道 · 动力电池正极材料项目：{FindingText}（2023年3月记录，仍未整改）", april);
        Assert.Contains("已将这条本级检查发现的问题标记为已整改", BotClient.CardText(saved.Card!));
        Assert.DoesNotContain(FindingText, aprilAfter);
        Assert.DoesNotContain(KeyProjectTexts.RectifiedCount(1), aprilAfter); // counted in March's check, where it was recorded
        Assert.Contains(KeyProjectTexts.RectifiedCount(1), march);
    }

    [Fact]
    public async Task A_reporters_press_and_forged_ids_for_another_project_unit_or_finding_are_refused_and_change_no_row()
    {
        await BindAsync(_zhang, Chaoyang);
        var (p, f) = await ProjectWithFindingAsync();
        var other = await RegisteredAsync(_zhang, Chaoyang, "另一个项目");
        var rows = await RowsAsync();

        var real = new FindingStatePayload(Chaoyang, p.Id, f.Id, 0).ToData();
        var byReporter = new[]
        {
            await Bot.ExecuteAsync(KeyProjectCards.RectifyOpenVerb, real, _zhang),
            await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, Merge(real, ProjectFields.RectificationNote, "自己说整改了"), _zhang),
            await Bot.ExecuteAsync(KeyProjectCards.ReopenVerb, real, _zhang),
        };
        var forged = new[]
        {
            // The finding under another project of the unit, the project under another unit, a finding id never minted.
            await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, new FindingStatePayload(Chaoyang, other.Id, f.Id, 0).ToData(), Supervisor),
            await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, new FindingStatePayload(Baoping, p.Id, f.Id, 0).ToData(), TestUser.Admin),
            await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, new FindingStatePayload(Chaoyang, p.Id, ProjectIds.New(), 0).ToData(), TestUser.Admin),
            await Bot.ExecuteAsync(KeyProjectCards.ReopenVerb, new FindingStatePayload(Chaoyang, p.Id, "kp../../x", 0).ToData(), TestUser.Admin),
            await Bot.ExecuteAsync(KeyProjectCards.ReopenVerb, new FindingStatePayload(Chaoyang, other.Id, f.Id, 0).ToData(), Supervisor),
        };

        Assert.All(byReporter, r => Assert.Equal(BotTexts.AdminOnlyAction, r.Message));
        Assert.All(forged, r => Assert.Null(r.Card));
        Assert.Equal(KeyProjectTexts.FindingNotFound, forged[0].Message);
        Assert.Equal(KeyProjectTexts.ProjectNotFound, forged[1].Message);
        Assert.Equal(KeyProjectTexts.FindingNotFound, forged[2].Message);
        Assert.Equal(KeyProjectTexts.FindingNotFound, forged[4].Message);
        Assert.Matches("[\u4e00-\u9fff]", forged[3].Message ?? ""); // an invalid id: refused in Chinese
        Assert.Equal(rows, await RowsAsync());
        Assert.True(Assert.Single(await Store.FindingsAsync(Chaoyang, p.Id)).IsOpen);
    }

    [Fact]
    public async Task A_stale_card_pressed_twice_or_after_someone_else_changed_the_finding_is_refused_in_chinese_and_writes_nothing()
    {
        await BindAsync(_zhang, Chaoyang);
        var (p, _) = await ProjectWithFindingAsync();
        var adminCard = await CardOfAsync(p, TestUser.Admin);
        var adminForm = (await Bot.ExecuteAsync(KeyProjectCards.RectifyOpenVerb, ActionOf(adminCard, KeyProjectCards.RectifyOpenVerb)["data"]!, TestUser.Admin)).Card!;
        var supervisorForm = (await Bot.ExecuteAsync(KeyProjectCards.RectifyOpenVerb,
            ActionOf(await CardOfAsync(p, Supervisor), KeyProjectCards.RectifyOpenVerb)["data"]!, Supervisor)).Card!;
        var submission = Submission(supervisorForm, KeyProjectCards.RectifyVerb, new Dictionary<string, string> { [ProjectFields.RectificationNote] = "已整改完毕" });

        var tooLong = await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, Submission(supervisorForm, KeyProjectCards.RectifyVerb,
            new Dictionary<string, string> { [ProjectFields.RectificationNote] = new string('改', 201) }), Supervisor);
        var saved = await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, submission, Supervisor);
        var rows = await RowsAsync();
        var twice = await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, submission, Supervisor);
        var otherForm = await Bot.ExecuteAsync(KeyProjectCards.RectifyVerb, Submission(adminForm, KeyProjectCards.RectifyVerb), TestUser.Admin);
        var oldButton = await Bot.ExecuteAsync(KeyProjectCards.RectifyOpenVerb, ActionOf(adminCard, KeyProjectCards.RectifyOpenVerb)["data"]!, TestUser.Admin);
        var unchanged = await RowsAsync();

        Assert.Contains("不能超过 200 个字", BotClient.CardText(tooLong.Card!));
        Assert.Contains("标记为已整改。", BotClient.CardText(saved.Card!));
        const string refusal = "这条问题已由纪委监委督查员于4月3日标记为已整改，本次未修改";
        Assert.Contains(refusal, BotClient.CardText(twice.Card!));
        Assert.Contains(refusal, BotClient.CardText(otherForm.Card!));
        Assert.Contains(refusal, BotClient.CardText(oldButton.Card!));
        Assert.Equal(rows, unchanged);
        Assert.Single(await Store.FindingChangesAsync(Chaoyang, p.Id, Assert.Single(await Store.FindingsAsync(Chaoyang, p.Id)).Id));

        // The admin reopens from the card the save returned; the supervisor's older 重新打开 then finds it changed.
        var supervisorCard = saved.Card!;
        var reopened = await Bot.ExecuteAsync(KeyProjectCards.ReopenVerb, ActionOf(supervisorCard, KeyProjectCards.ReopenVerb)["data"]!, TestUser.Admin);
        await RectifyAsync(reopened.Card!, TestUser.Admin, "");
        rows = await RowsAsync();
        var stale = await Bot.ExecuteAsync(KeyProjectCards.ReopenVerb, ActionOf(supervisorCard, KeyProjectCards.ReopenVerb)["data"]!, Supervisor);
        var reopenTwice = await Bot.ExecuteAsync(KeyProjectCards.ReopenVerb, ActionOf(supervisorCard, KeyProjectCards.ReopenVerb)["data"]!, TestUser.Admin);

        Assert.Contains($"这条问题的整改状态在您打开后已被{TestUser.Admin.Name}修改，本次未修改", BotClient.CardText(stale.Card!));
        Assert.Contains("本次未修改", BotClient.CardText(reopenTwice.Card!));
        Assert.Equal(rows, await RowsAsync());
        Assert.Equal(3, (await Store.FindingChangesAsync(Chaoyang, p.Id, Assert.Single(await Store.FindingsAsync(Chaoyang, p.Id)).Id)).Count);
    }

    [Fact]
    public async Task A_finding_stored_before_rectification_existed_reads_as_open_and_can_be_rectified()
    {
        await BindAsync(_zhang, Chaoyang);
        var (p, f) = await ProjectWithFindingAsync();
        // The row as the earlier version wrote it: no state columns.
        var table = await App.Service<ITableProvider>().GetTableAsync(KeyProjectStore.Table);
        var row = (await table.GetEntityAsync<TableEntity>(Chaoyang, $"p~{p.Id}~f~{f.Id}")).Value;
        foreach (var column in new[] { "StateRevision", "RectifiedBy", "RectifiedByName", "RectifiedAt", "RectifiedNote" }) row.Remove(column);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var card = await CardOfAsync(p, TestUser.Admin);
        var overview = BotClient.CardText(await CardAsync("重点项目", TestUser.Admin));
        var saved = await RectifyAsync(card, TestUser.Admin, "已整改");

        var old = Assert.Single(await Store.FindingsAsync(Chaoyang, p.Id));
        Assert.Contains("未整改 1 条，已整改 0 条", BotClient.CardText(card));
        Assert.Equal(0, ActionOf(card, KeyProjectCards.RectifyOpenVerb)["data"]!.Value<int>("revision"));
        Assert.Contains(FindingText, overview);
        Assert.Contains("已将这条本级检查发现的问题标记为已整改", BotClient.CardText(saved.Card!));
        Assert.False(old.IsOpen);
        Assert.Equal((1, "已整改"), (old.Revision, old.Rectified!.Note));
    }

    private static JObject Merge(JObject data, string key, string value)
    {
        var copy = (JObject)data.DeepClone();
        copy[key] = value;
        return copy;
    }
}
