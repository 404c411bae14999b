using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Http")]
public sealed class ReportFormHttpTests : ReportingBotTestBase
{
    [Fact]
    public async Task An_unbound_user_is_told_how_to_bind_and_gets_no_form()
    {
        var replies = await Bot.SayAsync("我要填报", TestUser.Named("路人"));

        Assert.Empty(replies.SelectMany(BotClient.Cards));
        Assert.Contains("绑定 潮阳街道", BotClient.AllText(replies));
    }

    [Fact]
    public async Task A_reporter_gets_the_previous_month_form_with_only_their_kinds_metrics()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);

        var card = await FormAsync(user, "填报");

        var data = card.SelectToken("actions[0].data")!;
        Assert.Equal(("town-chaoyang", "2023-03", 0), (data.Value<string>("unitId"), data.Value<string>("month"), data.Value<int>("revision")));
        var inputs = card.SelectTokens("$..body[?(@.type == 'Input.Text')].id").Select(t => t.ToString()).ToList();
        Assert.Equal(11, inputs.Count);
        Assert.Contains("m_marketEntities", inputs);
        Assert.DoesNotContain("m_chainLeaderContacts", inputs); // （十五）: 区领导's contacts, not the unit's
        Assert.DoesNotContain("m_groupInvestment", inputs);
        Assert.Contains("潮阳街道", BotClient.CardText(card));
    }

    [Fact]
    public async Task Departments_and_outbound_groups_get_their_own_metrics()
    {
        var dept = TestUser.Named("商务局填报人");
        var group = TestUser.Named("京津冀组填报人");
        await BindAsync(dept, "dept-swj");
        await BindAsync(group, "group-jjj");

        var deptCard = await FormAsync(dept, "填报3月数据");
        var deptInputs = deptCard.SelectTokens("$..body[?(@.type == 'Input.Text')].id").Select(t => t.ToString()).ToList();
        // （七）各区直部门“建立起不少于3人的行业招商队伍” — not the 专业招商队伍 of （八）.
        Assert.Contains("行业招商队伍人数", BotClient.CardText(deptCard));
        Assert.DoesNotContain("专业招商队伍", BotClient.CardText(deptCard));
        var groupInputs = (await FormAsync(group)).SelectTokens("$..body[?(@.type == 'Input.Text')].id").Select(t => t.ToString()).ToList();

        Assert.DoesNotContain("m_marketEntities", deptInputs);
        Assert.Contains("m_domesticCapital", deptInputs);
        Assert.Equal(new[] { "m_groupInvestment", "m_groupEnterprises" }, groupInputs);
    }

    [Fact]
    public async Task A_valid_submission_is_replaced_by_a_receipt_with_year_to_date_and_target_progress()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await App.Service<AnnualTargetStore>().SetAsync(2023, Chaoyang, new Dictionary<string, decimal> { ["domesticProjects"] = 20 }, "admin");
        await Figures.SaveAsync(new FigureSubmission(Chaoyang, new ReportingMonth(2023, 2),
            new Dictionary<string, decimal> { ["domesticProjects"] = 6 }, 0, "earlier", "李四", false));
        var form = await FormAsync(user);

        var result = await Bot.ExecuteAsync("report.submit", Submission(form, TownValues("4")), user);

        var receipt = Assert.IsType<JObject>(result.Card);
        var text = BotClient.CardText(receipt);
        Assert.Contains("✅ 已提交", text);
        Assert.Contains("本月新增 4 个；年累计 10 个；年度目标 20 个，完成 50%", text);
        var saved = await Figures.GetAsync(March, Chaoyang);
        Assert.Equal((4m, 1500.5m, 1, false), (saved!.Values["domesticProjects"], saved.Values["domesticCapital"], saved.Revision, saved.Late));
        Assert.Equal(user.AadObjectId, saved.SubmittedBy);
    }

    [Fact]
    public async Task The_form_comes_back_prefilled_with_what_was_saved()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues("7")), user);

        var again = await FormAsync(user);

        Assert.Equal("7", InputValue(again, "domesticProjects"));
        Assert.Equal("1500.5", InputValue(again, "domesticCapital"));
        Assert.Equal(1, again.SelectToken("actions[0].data.revision")!.Value<int>());
    }

    public static TheoryData<string, JToken, string> BadValues => new()
    {
        { "domesticProjects", "三个", "请输入数字" },
        { "domesticProjects", "-1", "不能为负数" },
        { "domesticProjects", "1e308", "请输入数字" },
        { "domesticProjects", new JValue(1e308), "请输入数字" },
        { "domesticCapital", "NaN", "请输入数字" },
        { "domesticProjects", "", "必填" },
        { "domesticProjects", "501", "超出合理范围" },
        { "domesticProjects", "2.5", "必须是整数" },
        { "domesticProjects", new JObject { ["$where"] = "1" }, "请输入数字" },
        { "domesticProjects100m", "3", "不能大于" },
        { "teamSize", "' or PartitionKey ne '", "请输入数字" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_returns_the_form_with_the_message_next_to_the_field_and_stores_nothing(string metric, JToken bad, string message)
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var data = Submission(await FormAsync(user), TownValues());
        data["m_" + metric] = bad;

        var result = await Bot.ExecuteAsync("report.submit", data, user);

        var form = Assert.IsType<JObject>(result.Card);
        var body = (JArray)form["body"]!;
        var index = body.ToList().FindIndex(e => e.Value<string>("id") == "m_" + metric);
        Assert.Contains(message, body[index + 1].Value<string>("text"));
        Assert.Equal("Attention", body[index + 1].Value<string>("color"));
        if (bad.Type == JTokenType.String) Assert.Equal(bad.ToString().Trim(), InputValue(form, metric));
        Assert.Equal("1500.5", InputValue(form, "domesticCapital") is "NaN" ? "1500.5" : InputValue(form, "domesticCapital"));
        Assert.Null(await Figures.GetAsync(March, Chaoyang));
    }

    [Fact]
    public async Task A_missing_field_is_reported_and_nothing_is_stored()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var data = Submission(await FormAsync(user), TownValues());
        data.Remove("m_teamSize");

        var result = await Bot.ExecuteAsync("report.submit", data, user);

        Assert.Contains("必填", BotClient.CardText(result.Card!));
        Assert.Null(await Figures.GetAsync(March, Chaoyang));
    }

    [Fact]
    public async Task A_bad_value_does_not_change_figures_saved_earlier()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues("4")), user);
        var data = Submission(await FormAsync(user), TownValues("-4"));

        await Bot.ExecuteAsync("report.submit", data, user);

        var saved = await Figures.GetAsync(March, Chaoyang);
        Assert.Equal((4m, 1), (saved!.Values["domesticProjects"], saved.Revision));
        Assert.Single(await Figures.HistoryAsync(March, Chaoyang));
    }

    [Theory]
    [InlineData("town-baoping", "2023-03", "不能替其他单位")]
    [InlineData("town-chaoyang", "2023-02", "截止并锁定")]
    [InlineData("town-chaoyang", "2023-04", "尚未结束")]
    [InlineData("no-such-unit", "2023-03", "表单数据不完整")]
    [InlineData("town-chaoyang", "2023-03' or '1' eq '1", "表单数据不完整")]
    [InlineData("dept-hzjlb", "2023-03", "不参与月度填报")]
    public async Task A_forged_unit_or_month_is_refused_and_stores_nothing(string unitId, string month, string message)
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var data = Submission(await FormAsync(user), TownValues());
        data["unitId"] = unitId;
        data["month"] = month;

        var result = await Bot.ExecuteAsync("report.submit", data, user);

        Assert.Null(result.Card);
        Assert.Contains(message, result.Message);
        Assert.Contains("数据未保存", result.Message);
        foreach (var m in new[] { new ReportingMonth(2023, 2), March, new ReportingMonth(2023, 4) })
            Assert.Empty(await Figures.ListMonthAsync(m));
    }

    [Fact]
    public async Task An_unbound_user_posting_a_form_payload_is_refused()
    {
        var owner = TestUser.Named("张三");
        await BindAsync(owner, Chaoyang);
        var data = Submission(await FormAsync(owner), TownValues());

        var result = await Bot.ExecuteAsync("report.submit", data, TestUser.Named("冒充者"));

        Assert.Contains("还没有绑定", result.Message);
        Assert.Null(await Figures.GetAsync(March, Chaoyang));
    }

    [Fact]
    public async Task A_replayed_submission_shows_the_receipt_again_but_stores_one_revision()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var data = Submission(await FormAsync(user), TownValues("4"));

        var first = await Bot.ExecuteAsync("report.submit", data, user);
        var second = await Bot.ExecuteAsync("report.submit", data.DeepClone(), user);

        Assert.Contains("✅ 已提交", BotClient.CardText(first.Card!));
        Assert.Contains("重复提交", BotClient.CardText(second.Card!));
        Assert.Single(await Figures.HistoryAsync(March, Chaoyang));
        Assert.Equal(1, (await Figures.GetAsync(March, Chaoyang))!.Revision);
    }

    [Fact]
    public async Task Two_reporters_submitting_at_once_store_one_and_the_other_keeps_their_input_and_is_warned()
    {
        var a = TestUser.Named("张三");
        var b = TestUser.Named("李四");
        await BindAsync(a, Chaoyang);
        await BindAsync(b, Chaoyang);
        var formA = await FormAsync(a);
        var formB = await FormAsync(b);

        var results = await Task.WhenAll(
            Bot.ExecuteAsync("report.submit", Submission(formA, TownValues("4")), a),
            Bot.ExecuteAsync("report.submit", Submission(formB, TownValues("9")), b));

        var receipts = results.Where(r => BotClient.CardText(r.Card!).Contains("✅ 已提交")).ToList();
        var warned = Assert.Single(results.Except(receipts));
        Assert.Single(receipts);
        Assert.Contains("在您填写期间", BotClient.CardText(warned.Card!));
        var history = Assert.Single(await Figures.HistoryAsync(March, Chaoyang));
        var loserValue = history.After["domesticProjects"] == 4 ? "9" : "4";
        Assert.Equal(loserValue, InputValue(warned.Card!, "domesticProjects"));

        // Submitting the returned form on purpose overrides, as a new revision.
        var retry = await Bot.ExecuteAsync("report.submit", Submission(warned.Card!), a);
        Assert.Contains("✅ 已提交", BotClient.CardText(retry.Card!));
        Assert.Equal(2, (await Figures.GetAsync(March, Chaoyang))!.Revision);
        Assert.Equal(decimal.Parse(loserValue), (await Figures.GetAsync(March, Chaoyang))!.Values["domesticProjects"]);
    }

    [Fact]
    public async Task After_the_deadline_the_month_is_locked_until_an_admin_reopens_it_and_then_it_is_marked_late()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var form = await FormAsync(user);
        Time.AdjustTime(TestClock.Beijing(2023, 4, 6, 9));

        var locked = await Bot.ExecuteAsync("report.submit", Submission(form, TownValues()), user);
        var lockedText = BotClient.AllText(await Bot.SayAsync("填报3月数据", user));
        var notAdmin = BotClient.AllText(await Bot.SayAsync("重新开放 潮阳街道 2023-03", user));

        Assert.Contains("截止并锁定", locked.Message);
        Assert.Contains("截止并锁定", lockedText);
        Assert.Contains("只有区合作交流办管理员", notAdmin);
        Assert.Null(await Figures.GetAsync(March, Chaoyang));

        var reopened = BotClient.AllText(await Bot.SayAsync("重新开放 潮阳街道 2023-03", TestUser.Admin));
        Assert.Contains("已为潮阳街道重新开放2023年3月", reopened);
        Assert.Contains("已通知 1 位填报人", reopened);
        var told = await Connector.WaitForAsync(TestConversation.Personal(user).Id, a => a.Text?.Contains("重新开放") == true);
        Assert.Contains("填报3月数据", told.Text);
        var lateForm = await FormAsync(user, "填报3月数据");
        Assert.Contains("逾期补报", BotClient.CardText(lateForm));
        var receipt = await Bot.ExecuteAsync("report.submit", Submission(lateForm, TownValues()), user);

        Assert.Contains("逾期补报", BotClient.CardText(receipt.Card!));
        Assert.True((await Figures.GetAsync(March, Chaoyang))!.Late);
    }

    [Fact]
    public async Task Admins_can_open_another_units_other_month()
    {
        var card = await FormAsync(TestUser.Admin, "填报 宝平街道 2023-01");

        Assert.Equal(("town-baoping", "2023-01"), (card.SelectToken("actions[0].data.unitId")!.ToString(), card.SelectToken("actions[0].data.month")!.ToString()));
        var result = await Bot.ExecuteAsync("report.submit", Submission(card, TownValues()), TestUser.Admin);
        Assert.Contains("逾期补报", BotClient.CardText(result.Card!));
    }

    [Fact]
    public async Task A_reporter_cannot_open_another_unit_by_naming_it()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);

        var replies = await Bot.SayAsync("填报 宝平街道", user);

        Assert.Empty(replies.SelectMany(BotClient.Cards));
        Assert.Contains("不能替其他单位", BotClient.AllText(replies));
    }

    [Theory]
    [InlineData("填报")]
    [InlineData("我要填报")]
    [InlineData("填报3月数据")]
    [InlineData("填报 2023年3月")]
    [InlineData("填报一下潮阳街道3月份的数据")]
    public async Task Every_way_of_asking_for_the_form_opens_March(string text)
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);

        var card = await FormAsync(user, text);

        Assert.Equal("2023-03", card.SelectToken("actions[0].data.month")!.ToString());
    }

    [Theory]
    [InlineData("填报记录", "填报记录")]
    [InlineData("填报情况", "只有区合作交流办管理员")]
    public async Task Words_starting_with_填报_that_are_not_a_form_request_go_elsewhere(string text, string expected)
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);

        var replies = await Bot.SayAsync(text, user);

        Assert.DoesNotContain(replies.SelectMany(BotClient.Cards), c => c.SelectToken("actions[0].verb")?.ToString() == "report.submit");
        Assert.Contains(expected, BotClient.AllText(replies));
    }

    [Fact]
    public async Task The_receipts_edit_button_reopens_the_prefilled_form_but_only_for_the_own_unit()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var receipt = (await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues("4")), user)).Card!;
        var edit = receipt.SelectTokens("actions[*]").Single(a => a.Value<string>("verb") == "report.open");

        var form = (await Bot.ExecuteAsync("report.open", edit["data"]!, user)).Card!;
        var forged = await Bot.ExecuteAsync("report.open", new JObject { ["unitId"] = "town-baoping", ["month"] = "2023-03" }, user);

        Assert.Equal("4", InputValue(form, "domesticProjects"));
        Assert.Equal(1, form.SelectToken("actions[0].data.revision")!.Value<int>());
        Assert.Contains("不能替其他单位", forged.Message);
    }
}
