using System.Net;
using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using MiniExcelLibs;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.KeyProjects;

/// <summary>Every key-project command and card button through the real /api/messages endpoint (expectReplies).</summary>
[Trait("Category", "Http")]
public sealed class KeyProjectHttpTests : KeyProjectBotTestBase
{
    private readonly TestUser _zhang = TestUser.Named("张三");
    private readonly TestUser _li = TestUser.Named("李四");

    [Fact]
    public async Task A_reporter_registers_a_project_through_the_form_and_gets_its_card()
    {
        await BindAsync(_zhang, Chaoyang);

        var form = await CardAsync("登记项目", _zhang);
        var result = await RegisterAsync(_zhang);

        var text = BotClient.CardText(form);
        Assert.Contains("登记项目", text);
        Assert.DoesNotContain("重点项目", text); // a registered project is 待认定, not 重点 (issue 19)
        Assert.Contains("潮阳街道", text);
        Assert.Equal(["内资", "外资"], form.SelectTokens($"$..body[?(@.id == '{ProjectFields.Kind}')].choices[*].title").Select(t => t.ToString()));
        Assert.Contains("动力电池产业链", text);
        var card = BotClient.CardText(result.Card!);
        Assert.Contains("已登记：动力电池正极材料项目", card);
        Assert.Contains("待认定", card);
        Assert.Contains("50000 万元", card);
        var stored = Assert.Single(await Store.ListUnitAsync(Chaoyang));
        Assert.Equal((_zhang.AadObjectId, "在谈"), (stored.CreatedBy, Rules.Stage(stored.Stage)!.Name));
        // Only the bound reporter's buttons: no 认定 for a reporter.
        Assert.DoesNotContain(result.Card!.SelectTokens("$..actions[*].verb"), v => v.ToString() == KeyProjectCards.MarkVerb);
    }

    private static KeyProjectRules Rules => KeyProjectHarness.Rules;

    [Fact]
    public async Task Who_may_register_where()
    {
        await BindAsync(_zhang, Chaoyang);

        Assert.Contains("绑定 潮阳街道", await SayAsync("登记项目", _li));
        Assert.Contains("请写明单位，例如：登记项目 潮阳街道", await SayAsync("登记项目", TestUser.Admin));
        Assert.Contains("宝平街道", BotClient.CardText(await CardAsync("登记项目 宝平街道", TestUser.Admin)));
        Assert.Contains(BotTexts.WrongScope("登记项目", "与 InvestBot 的私聊"), await SayAsync("登记项目", _zhang, TestConversation.Group()));
        // A reporter naming another unit gets a refusal, not that unit's form.
        Assert.Contains(KeyProjectTexts.OtherUnit, await SayAsync("登记项目 宝平街道", _zhang));
    }

    public static TheoryData<string, string, string> BadRegistrations => new()
    {
        { ProjectFields.TotalInvestment, "五亿元", "请输入数字" },
        { ProjectFields.TotalInvestment, "1e9", "请输入数字" },
        { ProjectFields.Stage, "completed", "请从列表中选择项目阶段" },
        { ProjectFields.Chain, "新能源汽车", "请从列表中选择产业方向" },
        { ProjectFields.ContactPhone, "请打电话", "请填写正确的电话号码" },
        { ProjectFields.ExpectedOperation, "2023-01-01", "不能早于预计开工日期" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_registration_comes_back_with_the_message_next_to_the_field_and_stores_nothing(string field, string value, string message)
    {
        await BindAsync(_zhang, Chaoyang);
        var details = Details();
        details[field] = value;

        var result = await RegisterAsync(_zhang, details);

        var body = ((JArray)result.Card!["body"]!).ToList();
        var index = body.FindIndex(e => e.Value<string>("id") == field);
        Assert.Contains(message, body[index + 1].Value<string>("text"));
        Assert.Equal("Attention", body[index + 1].Value<string>("color"));
        Assert.Equal(value, body[index].Value<string>("value"));
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task A_number_sent_as_json_or_a_forged_payload_is_refused()
    {
        await BindAsync(_zhang, Chaoyang);
        var form = await CardAsync("登记项目", _zhang);
        var data = Submission(form, KeyProjectCards.RegisterVerb, Details());
        data[ProjectFields.TotalInvestment] = new JValue(1e300);
        var forged = (JObject)data.DeepClone();
        forged["projectId"] = "../../etc";
        var wrongType = (JObject)data.DeepClone();
        wrongType["unitId"] = 42;

        var huge = await Bot.ExecuteAsync(KeyProjectCards.RegisterVerb, data, _zhang);
        var badId = await Bot.ExecuteAsync(KeyProjectCards.RegisterVerb, forged, _zhang);
        var badType = await Bot.ExecuteAsync(KeyProjectCards.RegisterVerb, wrongType, _zhang);

        Assert.Contains("请输入数字", BotClient.CardText(huge.Card!));
        Assert.Equal(KeyProjectTexts.StaleForm, badId.Message);
        Assert.Equal(KeyProjectTexts.StaleForm, badType.Message);
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task A_second_press_of_登记_registers_once()
    {
        await BindAsync(_zhang, Chaoyang);
        var form = await CardAsync("登记项目", _zhang);
        var data = Submission(form, KeyProjectCards.RegisterVerb, Details());

        await Bot.ExecuteAsync(KeyProjectCards.RegisterVerb, data, _zhang);
        var rows = await RowsAsync();
        var again = await Bot.ExecuteAsync(KeyProjectCards.RegisterVerb, data, _zhang);

        Assert.Contains(KeyProjectTexts.RegisteredTwice, BotClient.CardText(again.Card!));
        Assert.Equal(rows, await RowsAsync());
    }

    [Fact]
    public async Task 我的项目_lists_the_units_projects_with_this_months_status()
    {
        await BindAsync(_zhang, Chaoyang);
        await BindAsync(_li, Baoping);
        var a = await RegisteredAsync(_zhang, Chaoyang, "甲项目");
        await RegisteredAsync(_zhang, Chaoyang, "乙项目");
        await RegisteredAsync(_li, Baoping, "丙项目");
        await UpdateAsync(_zhang, a, "signed", "100");

        var card = await CardAsync("我的项目", _zhang);

        var text = BotClient.CardText(card);
        Assert.Contains("潮阳街道的项目", text);
        Assert.Contains("共 2 个项目；2023年3月进展待更新 1 个，请在4月5日前更新。", text);
        Assert.Contains("甲项目", text);
        Assert.DoesNotContain("丙项目", text);
        Assert.Equal(2, card.SelectTokens($"$..actions[?(@.verb == '{KeyProjectCards.ProgressOpenVerb}')]").Count());
        Assert.Contains("绑定", await SayAsync("我的项目", TestUser.Named("路人")));
        Assert.Contains(BotTexts.WrongScope("我的项目", "与 InvestBot 的私聊"), await SayAsync("我的项目", _zhang, TestConversation.Group()));
    }

    [Fact]
    public async Task The_monthly_update_is_saved_and_shown_on_the_projects_card()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);

        var form = (await Bot.ExecuteAsync(KeyProjectCards.ProgressOpenVerb, Ref(p), _zhang)).Card!;
        var result = await UpdateAsync(_zhang, p, "signed", "1200.5", "环评待区生态环境局协调");

        var formText = BotClient.CardText(form);
        Assert.Contains("更新项目进展", formText);
        Assert.Contains("2023年3月", formText);
        Assert.Equal("本月到位投资（万元）", form.SelectToken($"$..body[?(@.id == '{ProjectFields.Arrived}')].label")!.ToString());
        var text = BotClient.CardText(result.Card!);
        Assert.Contains("已保存“动力电池正极材料项目”2023年3月的进展", text);
        Assert.Contains("1200.5 万元（2.4%）", text);
        Assert.Contains("问题及需协调事项（单位报送）：环评待区生态环境局协调", text);
        Assert.Contains("在谈→签约", text);
        Assert.Equal(1200.5m, (await Store.GetAsync(Chaoyang, p.Id))!.ArrivedTotal);
    }

    [Theory]
    [InlineData("一千二", "请输入数字")]
    [InlineData("-5", "不能为负数")]
    [InlineData("60000", "超过计划总投资")]
    public async Task A_bad_update_changes_nothing(string arrived, string message)
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);
        var rows = await RowsAsync();

        var result = await UpdateAsync(_zhang, p, "signed", arrived);

        Assert.Contains(message, BotClient.CardText(result.Card!));
        Assert.Equal(rows, await RowsAsync());
    }

    [Fact]
    public async Task A_forged_stage_or_month_a_replay_or_another_units_project_changes_nothing()
    {
        await BindAsync(_zhang, Chaoyang);
        await BindAsync(_li, Baoping);
        var p = await RegisteredAsync(_zhang, Chaoyang);
        var form = (await Bot.ExecuteAsync(KeyProjectCards.ProgressOpenVerb, Ref(p), _zhang)).Card!;
        var good = Submission(form, KeyProjectCards.ProgressVerb, new Dictionary<string, string> { [ProjectFields.Stage] = "signed", [ProjectFields.Arrived] = "10" });
        await Bot.ExecuteAsync(KeyProjectCards.ProgressVerb, good, _zhang);
        var rows = await RowsAsync();

        var replay = await Bot.ExecuteAsync(KeyProjectCards.ProgressVerb, good, _zhang);
        var stage = (JObject)good.DeepClone();
        stage[ProjectFields.Stage] = "demolished";
        var forgedStage = await Bot.ExecuteAsync(KeyProjectCards.ProgressVerb, stage, _zhang);
        var month = (JObject)good.DeepClone();
        month["month"] = "2023-04";
        var forgedMonth = await Bot.ExecuteAsync(KeyProjectCards.ProgressVerb, month, _zhang);
        var otherUnit = await Bot.ExecuteAsync(KeyProjectCards.ProgressVerb, good, _li);
        var intoOwnUnit = (JObject)good.DeepClone();
        intoOwnUnit["unitId"] = Baoping;
        var moved = await Bot.ExecuteAsync(KeyProjectCards.ProgressVerb, intoOwnUnit, _li);

        Assert.Contains(KeyProjectTexts.ProgressTwice, BotClient.CardText(replay.Card!));
        Assert.Contains("请从列表中选择项目阶段", BotClient.CardText(forgedStage.Card!));
        Assert.Contains("现在填报的是2023年3月", forgedMonth.Message);
        Assert.Contains(KeyProjectTexts.OtherUnit, otherUnit.Message);
        Assert.StartsWith(KeyProjectTexts.ProjectNotFound, moved.Message);
        Assert.Equal(rows, await RowsAsync());
    }

    [Fact]
    public async Task A_concurrent_update_by_a_colleague_returns_the_form_with_a_notice()
    {
        var colleague = TestUser.Named("王五");
        await BindAsync(_zhang, Chaoyang);
        await BindAsync(colleague, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);
        var mine = (await Bot.ExecuteAsync(KeyProjectCards.ProgressOpenVerb, Ref(p), _zhang)).Card!;
        await UpdateAsync(colleague, p, "started", "300");
        var rows = await RowsAsync();

        var result = await Bot.ExecuteAsync(KeyProjectCards.ProgressVerb, Submission(mine, KeyProjectCards.ProgressVerb,
            new Dictionary<string, string> { [ProjectFields.Stage] = "signed", [ProjectFields.Arrived] = "50" }), _zhang);

        Assert.Contains("王五已更新了这个项目", BotClient.CardText(result.Card!));
        Assert.Equal(rows, await RowsAsync());
        Assert.Equal(2, result.Card!.SelectToken($"$..actions[?(@.verb == '{KeyProjectCards.ProgressVerb}')].data.revision")!.Value<int>());
    }

    [Fact]
    public async Task Editing_opens_the_form_prefilled_and_saves_a_new_revision_and_a_stale_edit_is_refused()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);

        var form = (await Bot.ExecuteAsync(KeyProjectCards.EditOpenVerb, Ref(p), _zhang)).Card!;
        var data = Submission(form, KeyProjectCards.EditVerb, new Dictionary<string, string> { [ProjectFields.TotalInvestment] = "80000" });
        var saved = await Bot.ExecuteAsync(KeyProjectCards.EditVerb, data, _zhang);
        var rows = await RowsAsync();
        data[ProjectFields.TotalInvestment] = "90000";
        var stale = await Bot.ExecuteAsync(KeyProjectCards.EditVerb, data, _zhang);

        Assert.Contains("修改项目信息", BotClient.CardText(form));
        Assert.Equal("50000", form.SelectToken($"$..body[?(@.id == '{ProjectFields.TotalInvestment}')].value")!.ToString());
        Assert.Null(form.SelectToken($"$..body[?(@.id == '{ProjectFields.Stage}')]")); // the stage moves only by monthly progress
        Assert.Contains("已保存对“动力电池正极材料项目”的修改", BotClient.CardText(saved.Card!));
        Assert.Contains("已更新了这个项目，您的修改尚未保存", BotClient.CardText(stale.Card!));
        Assert.Equal(rows, await RowsAsync());
        Assert.Equal(80000m, (await Store.GetAsync(Chaoyang, p.Id))!.Details.TotalInvestment);
    }

    [Fact]
    public async Task An_admin_marks_a_project_重大_from_the_overview_and_a_reporter_cannot()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);

        var overview = await CardAsync("重点项目", TestUser.Admin);
        var viewed = await Bot.ExecuteAsync(KeyProjectCards.ViewVerb, Submission(overview, KeyProjectCards.ViewVerb), TestUser.Admin);
        // 查看项目 answers in a new card: the overview is not replaced, so the admin can pick the next project.
        Assert.Null(viewed.Card);
        Assert.Contains("已在新消息中打开", viewed.Message);
        var detail = (Card: Assert.Single(viewed.Messages.SelectMany(BotClient.Cards)), viewed.Message);
        var markMajor = ActionOf(detail.Card!, KeyProjectCards.MarkVerb, "认定为重大");
        var marked = await Bot.ExecuteAsync(KeyProjectCards.MarkVerb, markMajor["data"]!, TestUser.Admin);
        var rows = await RowsAsync();
        var byReporter = await Bot.ExecuteAsync(KeyProjectCards.MarkVerb, markMajor["data"]!, _zhang);
        var forged = (JObject)markMajor["data"]!.DeepClone();
        forged["level"] = "超级";
        forged["revision"] = 2;
        var forgedLevel = await Bot.ExecuteAsync(KeyProjectCards.MarkVerb, forged, TestUser.Admin);

        Assert.Contains("动力电池正极材料项目", BotClient.CardText(detail.Card!));
        Assert.Contains("已将“动力电池正极材料项目”认定为重大项目", BotClient.CardText(marked.Card!));
        Assert.Equal(BotTexts.AdminOnlyAction, byReporter.Message);
        Assert.Equal(KeyProjectTexts.ButtonInvalid, forgedLevel.Message);
        Assert.Equal(rows, await RowsAsync());
        Assert.Equal("major", (await Store.GetAsync(Chaoyang, p.Id))!.Level);
    }

    [Fact]
    public async Task The_overview_puts_stalled_projects_first_and_filters_by_unit_and_is_for_admins()
    {
        await BindAsync(_zhang, Chaoyang);
        await BindAsync(_li, Baoping);
        await RegisteredAsync(_zhang, Chaoyang, "推进中项目");
        // A project registered in January with no progress since is stalled in March (two months, an office setting).
        await Store.RegisterAsync(new ProjectRegistration(Baoping, ProjectIds.New(),
            new ProjectDetails("停滞项目", "domestic", 1000, "battery", "signed", null, null, "赵", "12345678"), new(2023, 1), "x", "李四"));

        var card = await CardAsync("重点项目", TestUser.Admin);
        var all = BotClient.CardText(card);
        var baoping = BotClient.CardText(await CardAsync("重点项目 宝平街道", TestUser.Admin));

        Assert.Contains("全区项目台账（2023年3月检查）", all);
        Assert.Contains("⚠ 宝平街道 · 停滞项目（签约，2个月无进展）", all);
        Assert.Contains("停滞项目（连续2个月无进展，区合作交流办设定）", all);
        Assert.Equal(["宝平街道 · 停滞项目", "潮阳街道 · 推进中项目"], card.SelectTokens("$..body[?(@.id == 'pick')].choices[*].title").Select(t => t.ToString()));
        Assert.DoesNotContain("推进中项目", baoping);
        Assert.Contains(BotTexts.AdminOnly("重点项目"), await SayAsync("重点项目", _zhang));
        Assert.Contains("月份不正确", await SayAsync("重点项目 2023-13", TestUser.Admin));
    }

    [Fact]
    public async Task The_ledger_export_is_a_signed_link_to_a_workbook()
    {
        await BindAsync(_zhang, Chaoyang);
        await RegisteredAsync(_zhang, Chaoyang);
        var card = await CardAsync("导出项目 2023-03", TestUser.Admin);
        var url = new Uri(card.SelectToken("actions[0].url")!.ToString());
        var client = App.CreateClient();

        using var ok = await client.GetAsync(url.PathAndQuery);
        using var otherMonth = await client.GetAsync(url.PathAndQuery.Replace("/2023-03?", "/2023-02?"));
        using var figuresPath = await client.GetAsync(url.PathAndQuery.Replace("/api/keyprojects/ledger/", "/api/reporting/export/"));

        Assert.StartsWith("http://localhost:3978/api/keyprojects/ledger/2023-03?", url.ToString());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var rows = (await ok.Content.ReadAsStreamAsync()).Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("动力电池正极材料项目", Assert.Single(rows)["项目名称"]);
        Assert.Equal(HttpStatusCode.Forbidden, otherMonth.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, figuresPath.StatusCode); // a ledger link does not open the figures export
        Assert.Contains(BotTexts.AdminOnly("导出项目"), await SayAsync("导出项目", _zhang));
    }

    [Fact]
    public async Task The_supervision_report_is_a_signed_link_for_an_ended_quarter_only()
    {
        var card = await CardAsync("督查报告 2023年第一季度", TestUser.Admin);
        CardSchema.AssertValid(card);
        var url = new Uri(card.SelectToken("actions[?(@.title == '下载附件（Excel）')].url")!.ToString());
        var wordUrl = new Uri(card.SelectToken("actions[?(@.title == '下载报告（Word）')].url")!.ToString());

        using var ok = await App.CreateClient().GetAsync(url.PathAndQuery);
        using var word = await App.CreateClient().GetAsync(wordUrl.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        Assert.Equal("呈报区级招商引资工作领导小组各位领导：",
            InvestBot.Tests.Ranking.RankingBulletinTests.ReadWord(await word.Content.ReadAsByteArrayAsync()).Paragraphs[2]);
        // The Excel link's signature does not open the Word document, nor the other way round.
        using var crossed = await App.CreateClient().GetAsync(wordUrl.AbsolutePath + url.Query);
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);

        Assert.Contains("2023年第一季度重大招商项目督查报告", BotClient.CardText(card));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var report = (await ok.Content.ReadAsStreamAsync()).Query(useHeaderRow: true, sheetName: "报告", excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object>>().ToDictionary(r => (string)r["项目"], r => (string)r["内容"]);
        Assert.Equal("区级招商引资工作领导小组各位领导", report["呈报"]);
        Assert.Contains("还没有结束", await SayAsync("督查报告 2023Q2", TestUser.Admin));
        Assert.Contains("季度不正确", await SayAsync("督查报告 2023年第5季度", TestUser.Admin));
        Assert.Contains(BotTexts.AdminOnly("督查报告"), await SayAsync("督查报告", _zhang));
    }

    [Fact]
    public async Task 我的项目_and_登记新项目_buttons_open_the_list_and_the_form_in_place()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);

        var view = await Bot.ExecuteAsync(KeyProjectCards.ViewVerb, Ref(p), _zhang);
        var list = await Bot.ExecuteAsync(KeyProjectCards.ListVerb, new JObject(), _zhang);
        var form = await Bot.ExecuteAsync(KeyProjectCards.NewVerb, ActionOf(list.Card!, KeyProjectCards.NewVerb)["data"]!, _zhang);
        var otherUnitForm = await Bot.ExecuteAsync(KeyProjectCards.NewVerb, new NewProjectPayload(Baoping).ToData(), _zhang);

        Assert.Contains("联系人", BotClient.CardText(view.Card!));
        Assert.Contains("潮阳街道的项目", BotClient.CardText(list.Card!));
        Assert.Contains("登记项目", BotClient.CardText(form.Card!));
        Assert.Equal(KeyProjectTexts.OtherUnit, otherUnitForm.Message);
    }

    [Fact]
    public async Task The_answer_to_article_26_offers_the_commands_as_buttons_that_run_them()
    {
        await BindAsync(_zhang, Chaoyang);
        await RegisteredAsync(_zhang, Chaoyang);

        var reporterAnswer = await CardAsync("第26条", _zhang);
        var adminAnswer = await CardAsync("第二十六条", TestUser.Admin);
        var otherAnswer = await CardAsync("第25条", _zhang);
        var pressed = await Bot.ExecuteAsync(KeyProjectCards.OpenVerb, ActionOf(reporterAnswer, KeyProjectCards.OpenVerb, "我的项目")["data"]!, _zhang);
        var adminOnly = await Bot.ExecuteAsync(KeyProjectCards.OpenVerb, new OpenCommandPayload("重点项目").ToData(), _zhang);
        var inGroup = await Bot.ExecuteAsync(KeyProjectCards.OpenVerb, new OpenCommandPayload("我的项目").ToData(), _zhang, TestConversation.Group());
        var unknown = await Bot.ExecuteAsync(KeyProjectCards.OpenVerb, new OpenCommandPayload("删除全部").ToData(), _zhang);

        Assert.Contains("（二十六）提高跟踪问效频率", BotClient.CardText(reporterAnswer));
        Assert.Equal(["我的项目", "登记项目"], Titles(reporterAnswer));
        Assert.Equal(["重点项目", "发布项目通报", "督查报告"], Titles(adminAnswer));
        Assert.Empty(Titles(otherAnswer));
        Assert.Contains("潮阳街道的项目", BotClient.AllText(pressed.Messages)); // posted as a new message
        Assert.Equal(KeyProjectTexts.Opened("我的项目"), pressed.Message);
        Assert.Equal(BotTexts.AdminOnly("重点项目"), adminOnly.Message);
        Assert.Equal(BotTexts.WrongScope("我的项目", "与 InvestBot 的私聊"), inGroup.Message);
        Assert.Empty(inGroup.Messages);
        Assert.Equal(BotTexts.UnknownButton, unknown.Message);

        static List<string> Titles(JObject card) =>
            card.SelectTokens($"$..actions[?(@.verb == '{KeyProjectCards.OpenVerb}')].title").Select(t => t.ToString()).ToList();
    }

    [Fact]
    public async Task Questions_starting_with_a_command_word_still_reach_the_policy_answer()
    {
        var text = await SayAsync("重点项目多久检查一次", TestUser.Admin);

        Assert.Contains("（二十六）提高跟踪问效频率", text);
    }
}
