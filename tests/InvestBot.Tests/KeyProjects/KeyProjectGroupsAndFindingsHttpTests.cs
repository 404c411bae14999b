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
/// Issue 19 item 7: a project's 协调推动组 of （六）, problems found by 上级/本级 checks (（二十六）“及时通报上级和本级检查发现的问题”)
/// recorded by admins and listed apart from the unit's own 问题及需协调事项, 待认定 projects never called 重点, and projects
/// stored before these fields existed still working.
/// </summary>
[Trait("Category", "Http")]
public sealed class KeyProjectGroupsAndFindingsHttpTests : KeyProjectBotTestBase
{
    private readonly TestUser _zhang = TestUser.Named("张三");

    private static string? Fact(JObject card, string title) =>
        card.SelectTokens("$..facts[*]").FirstOrDefault(f => f.Value<string>("title") == title)?.Value<string>("value");

    [Fact]
    public async Task The_form_offers_the_six_groups_of_article_6_and_the_card_and_ledger_show_the_chosen_one()
    {
        await BindAsync(_zhang, Chaoyang);
        var form = await CardAsync("登记项目", _zhang);
        var details = Details();
        details[ProjectFields.Group] = "manufacturing";

        var result = await RegisterAsync(_zhang, details);
        var ledger = await DownloadAsync(await CardAsync("导出项目 2023-03", TestUser.Admin));

        var group = form.SelectToken($"$..body[?(@.id == '{ProjectFields.Group}')]")!;
        // （六）“建立重大基础设施项目、制造业项目、农文旅项目、地产项目、商业项目、教育卫生项目6个协调推动组”
        Assert.Equal(["重大基础设施项目协调推动组", "制造业项目协调推动组", "农文旅项目协调推动组", "地产项目协调推动组", "商业项目协调推动组", "教育卫生项目协调推动组"],
            group["choices"]!.Select(c => c.Value<string>("title")));
        Assert.False(group.Value<bool>("isRequired"));
        Assert.Equal("制造业项目协调推动组", Fact(result.Card!, "协调推动组"));
        Assert.Equal("manufacturing", Assert.Single(await Store.ListUnitAsync(Chaoyang)).Details.CoordinationGroup);
        Assert.Equal("制造业项目协调推动组", Assert.Single(ledger.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>())["协调推动组"]);
    }

    [Fact]
    public async Task A_forged_group_is_refused_next_to_the_field_and_nothing_is_saved()
    {
        await BindAsync(_zhang, Chaoyang);
        var details = Details();
        details[ProjectFields.Group] = "army";

        var result = await RegisterAsync(_zhang, details);

        Assert.Contains("请从列表中选择协调推动组", BotClient.CardText(result.Card!));
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task An_admin_records_a_superior_check_finding_once_and_it_is_listed_apart_from_the_units_own_problems()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);
        await UpdateAsync(_zhang, p, "signed", "100", "用地指标待协调");

        var detail = (await Bot.ExecuteAsync(KeyProjectCards.ViewVerb, Ref(p), TestUser.Admin)).Card!;
        var form = (await Bot.ExecuteAsync(KeyProjectCards.FindingOpenVerb, ActionOf(detail, KeyProjectCards.FindingOpenVerb)["data"]!, TestUser.Admin)).Card!;
        var submission = Submission(form, KeyProjectCards.FindingVerb, new Dictionary<string, string>
        {
            [ProjectFields.FindingSource] = CheckFinding.Superior, [ProjectFields.FindingText] = "市督查组发现**施工许可**未按期办理",
        });
        var saved = await Bot.ExecuteAsync(KeyProjectCards.FindingVerb, submission, TestUser.Admin);
        var rows = await RowsAsync();
        var replay = await Bot.ExecuteAsync(KeyProjectCards.FindingVerb, submission, TestUser.Admin);
        var overview = BotClient.CardText(await CardAsync("重点项目", TestUser.Admin));

        Assert.Contains("（二十六）“及时通报上级和本级检查发现的问题”", BotClient.CardText(form));
        var card = BotClient.CardText(saved.Card!);
        Assert.Contains("已记录上级检查发现的问题（列入2023年3月检查）", card);
        Assert.Contains("【上级检查】市督查组发现\\*\\*施工许可\\*\\*未按期办理", card); // shown literally
        Assert.Contains("问题及需协调事项（单位报送）：用地指标待协调", card);
        Assert.Contains(KeyProjectTexts.FindingTwice, BotClient.CardText(replay.Card!));
        Assert.Equal(rows, await RowsAsync());
        // The monthly check lists the two apart, each under its own heading.
        var own = overview.IndexOf("单位报送的问题及需协调事项（2023年3月）", StringComparison.Ordinal);
        var checks = overview.IndexOf("上级和本级检查发现的问题", StringComparison.Ordinal);
        Assert.True(own >= 0 && checks > own, overview);
        Assert.Contains("潮阳街道 · 动力电池正极材料项目：用地指标待协调", overview[own..checks]);
        Assert.Contains("【上级检查】潮阳街道 · 动力电池正极材料项目：市督查组发现", overview[checks..]);
        Assert.DoesNotContain("用地指标待协调", overview[checks..]);
    }

    [Fact]
    public async Task Only_admins_record_findings_and_a_bad_finding_saves_nothing()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);
        var reporterCard = (await Bot.ExecuteAsync(KeyProjectCards.ViewVerb, Ref(p), _zhang)).Card!;
        var form = (await Bot.ExecuteAsync(KeyProjectCards.FindingOpenVerb, Ref(p), TestUser.Admin)).Card!;
        var rows = await RowsAsync();

        var byReporter = await Bot.ExecuteAsync(KeyProjectCards.FindingVerb, Submission(form, KeyProjectCards.FindingVerb, new Dictionary<string, string>
        {
            [ProjectFields.FindingSource] = CheckFinding.Local, [ProjectFields.FindingText] = "自查",
        }), _zhang);
        var tooLong = await Bot.ExecuteAsync(KeyProjectCards.FindingVerb, Submission(form, KeyProjectCards.FindingVerb, new Dictionary<string, string>
        {
            [ProjectFields.FindingSource] = CheckFinding.Local, [ProjectFields.FindingText] = new string('问', 501),
        }), TestUser.Admin);
        var forgedSource = await Bot.ExecuteAsync(KeyProjectCards.FindingVerb, Submission(form, KeyProjectCards.FindingVerb, new Dictionary<string, string>
        {
            [ProjectFields.FindingSource] = "国务院", [ProjectFields.FindingText] = "问题",
        }), TestUser.Admin);

        Assert.DoesNotContain(reporterCard.SelectTokens("$..actions[*].verb"), v => v.ToString() == KeyProjectCards.FindingOpenVerb);
        Assert.Equal(BotTexts.AdminOnlyAction, byReporter.Message);
        Assert.Contains("不能超过 500 个字", BotClient.CardText(tooLong.Card!));
        Assert.Contains("请选择上级检查或本级检查", BotClient.CardText(forgedSource.Card!));
        Assert.Equal(rows, await RowsAsync());
    }

    [Fact]
    public async Task The_supervision_report_lists_check_findings_and_groups_of_重大_projects_in_their_own_section()
    {
        await BindAsync(_zhang, Chaoyang);
        var details = Details();
        details[ProjectFields.Group] = "infrastructure";
        await RegisterAsync(_zhang, details);
        var p = Assert.Single(await Store.ListUnitAsync(Chaoyang));
        await UpdateAsync(_zhang, p, "signed", "100", "环评待协调");
        p = (await Store.GetAsync(Chaoyang, p.Id))!;
        await Store.MarkAsync(Chaoyang, p.Id, p.Revision, KeyProjectRules.MajorLevel, "admin", "王主任");
        var form = (await Bot.ExecuteAsync(KeyProjectCards.FindingOpenVerb, Ref(p), TestUser.Admin)).Card!;
        await Bot.ExecuteAsync(KeyProjectCards.FindingVerb, Submission(form, KeyProjectCards.FindingVerb, new Dictionary<string, string>
        {
            [ProjectFields.FindingSource] = CheckFinding.Local, [ProjectFields.FindingText] = "区委督查室检查发现进度滞后",
        }), TestUser.Admin);

        var card = await CardAsync("督查报告 2023Q1", TestUser.Admin);
        var client = App.CreateClient();
        var wordUrl = new Uri(card.SelectToken("actions[?(@.title == '下载报告（Word）')].url")!.ToString());
        var bookUrl = new Uri(card.SelectToken("actions[?(@.title == '下载附件（Excel）')].url")!.ToString());
        var word = InvestBot.Tests.Ranking.RankingBulletinTests.ReadWord(await client.GetByteArrayAsync(wordUrl.PathAndQuery));
        var book = new MemoryStream(await client.GetByteArrayAsync(bookUrl.PathAndQuery));

        var own = word.Paragraphs.IndexOf("四、各单位报送的问题及需协调事项");
        var checks = word.Paragraphs.IndexOf("五、上级和本级检查发现的问题");
        Assert.True(own > 0 && checks > own, string.Join("\n", word.Paragraphs));
        Assert.Contains(word.Paragraphs[(own + 1)..checks], t => t.Contains("环评待协调"));
        Assert.Contains(word.Paragraphs[checks..], t => t.Contains("【本级检查】潮阳街道“动力电池正极材料项目”：区委督查室检查发现进度滞后"));
        Assert.DoesNotContain(word.Paragraphs[checks..], t => t.Contains("环评待协调"));
        Assert.Contains(word.Tables.SelectMany(t => t).SelectMany(r => r), c => c == "重大基础设施项目协调推动组");
        var found = book.Query(useHeaderRow: true, sheetName: "上级和本级检查发现的问题", excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().Single();
        Assert.Equal(("本级检查", "区委督查室检查发现进度滞后"), ((string)found["检查层级"], (string)found["发现的问题"]));
        book.Position = 0;
        var major = book.Query(useHeaderRow: true, sheetName: "重大项目明细", excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().Single();
        Assert.Equal("重大基础设施项目协调推动组", major["协调推动组"]);
    }

    [Fact]
    public async Task Unmarked_projects_are_never_called_重点_in_titles_receipts_lists_or_reminders()
    {
        await BindAsync(_zhang, Chaoyang);

        var registered = BotClient.CardText((await RegisterAsync(_zhang)).Card!);
        var mine = BotClient.CardText(await CardAsync("我的项目", _zhang));
        var overview = await CardAsync("重点项目", TestUser.Admin);

        Assert.Contains("已登记：动力电池正极材料项目（待认定）", registered);
        Assert.DoesNotContain("重点项目", registered);
        Assert.DoesNotContain("重点项目", mine);
        Assert.Contains("待认定", mine);
        Assert.Equal("全区项目台账（2023年3月检查）", overview.SelectToken("body[0].text")!.ToString());
        Assert.Contains("待认定 1", Fact(overview, "项目"));
        Assert.DoesNotContain("重点项目", KeyProjectTexts.Reminder("潮阳街道", 1, new(2023, 3), new(2023, 4, 5), new(2023, 4, 3)));
        Assert.DoesNotContain("重点项目", KeyProjectTexts.NotBound);
    }

    [Fact]
    public async Task A_project_stored_before_groups_and_findings_existed_still_shows_edits_and_exports()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);
        // The row as an older version wrote it: no CoordinationGroup column.
        var table = await App.Service<ITableProvider>().GetTableAsync(KeyProjectStore.Table);
        var row = (await table.GetEntityAsync<TableEntity>(Chaoyang, "p~" + p.Id)).Value;
        row.Remove("CoordinationGroup");
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var view = (await Bot.ExecuteAsync(KeyProjectCards.ViewVerb, Ref(p), _zhang)).Card!;
        var overview = BotClient.CardText(await CardAsync("重点项目", TestUser.Admin));
        var oldLedger = await DownloadAsync(await CardAsync("导出项目 2023-03", TestUser.Admin));
        var editForm = (await Bot.ExecuteAsync(KeyProjectCards.EditOpenVerb, Ref(p), _zhang)).Card!;
        var edited = await Bot.ExecuteAsync(KeyProjectCards.EditVerb, Submission(editForm, KeyProjectCards.EditVerb,
            new Dictionary<string, string> { [ProjectFields.Contact] = "王经理", [ProjectFields.Group] = "commerce" }), _zhang);
        var ledger = await DownloadAsync(await CardAsync("导出项目 2023-03", TestUser.Admin));

        Assert.Equal("未指定", Fact(view, "协调推动组"));
        Assert.Null(editForm.SelectToken($"$..body[?(@.id == '{ProjectFields.Group}')].value"));
        Assert.Contains("已保存对“动力电池正极材料项目”的修改", BotClient.CardText(edited.Card!));
        var stored = (await Store.GetAsync(Chaoyang, p.Id))!;
        Assert.Equal(("王经理", "commerce"), (stored.Details.Contact, stored.Details.CoordinationGroup));
        Assert.Contains("\"CoordinationGroup\":\"commerce\"", (await Store.HistoryAsync(Chaoyang, p.Id))[^1].After); // the change is in the history
        Assert.Equal("未指定", Assert.Single(oldLedger.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>())["协调推动组"]);
        Assert.Equal("商业项目协调推动组", Assert.Single(ledger.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>())["协调推动组"]);
        Assert.Contains("动力电池正极材料项目", overview);
    }

    private async Task<MemoryStream> DownloadAsync(JObject linkCard)
    {
        var url = new Uri(linkCard.SelectToken("actions[0].url")!.ToString());
        return new MemoryStream(await App.CreateClient().GetByteArrayAsync(url.PathAndQuery));
    }
}
