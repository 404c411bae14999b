using InvestBot.Teams;
using InvestBot.Knowledge.Bot;
using InvestBot.Access;
using InvestBot.Knowledge;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Knowledge;

/// <summary>Policy questions through the real bot endpoint: cards, intents, feedback, gaps, admin listing.</summary>
[Trait("Category", "Http")]
public sealed class KnowledgeBotTests : BotAppTest
{
    private static JObject OnlyCard(IReadOnlyList<Microsoft.Bot.Schema.Activity> replies) =>
        Assert.Single(BotClient.Cards(Assert.Single(replies)));

    private static IEnumerable<JObject> Actions(JObject card) =>
        card.SelectTokens("$..actions[*]").OfType<JObject>();

    [Fact]
    public async Task An_article_answer_starts_with_label_and_title_then_body_units_and_buttons()
    {
        var card = OnlyCard(await Bot.SayAsync("第二十二条", TestUser.Named("张三")));

        var texts = card.SelectTokens("$..text").Select(t => t.ToString()).ToList();
        Assert.Equal("（二十二）优化审批服务效能", texts[0]);
        Assert.Contains(texts, t => t.StartsWith("贯彻落实外资准入负面清单"));
        var facts = card.SelectTokens("$..facts[*]").ToDictionary(f => f.Value<string>("title")!, f => f.Value<string>("value")!);
        Assert.Equal("区商务局、区政务服务办", facts["责任单位"]);
        Assert.Equal("七、高效能优化营商环境", facts["所属部分"]);
        Assert.Contains(Actions(card), a => a.Value<string>("verb") == AnswerCards.FeedbackVerb && a["data"]!.Value<string>("v") == "up");
        Assert.Contains(Actions(card), a => a.Value<string>("verb") == AnswerCards.FeedbackVerb && a["data"]!.Value<string>("v") == "down");
        Assert.Contains(Actions(card), a => a.Value<string>("verb") == SayPayload.Verb && a["data"]?.Value<string>("text") == "第22条全文");
        Assert.Contains("（二十二）优化审批服务效能", card.Value<string>("fallbackText"));
    }

    [Fact]
    public async Task The_full_text_button_quotes_the_article_as_printed()
    {
        var card = OnlyCard(await Bot.SayAsync("第22条全文", TestUser.Named("张三")));
        var line = File.ReadAllLines(RepoPaths.SourceData("baodi-investment-30-measures-2023.txt")).Single(l => l.StartsWith("（二十二）"));
        var texts = card.SelectTokens("$..text").Select(t => t.ToString()).ToList();
        Assert.Equal("（二十二）优化审批服务效能", texts[0]);
        Assert.Contains(line.Trim(), texts); // verbatim, as one block (a note on the notice's year may come first)
    }

    [Fact]
    public async Task A_number_question_answers_with_the_number_under_the_article()
    {
        var text = BotClient.AllText(await Bot.SayAsync("外资企业要引进几家", TestUser.Named("张三")));

        Assert.StartsWith("（二）利用外资实现新增长", text.Trim());
        Assert.Matches(@"答(（2023年通知）)?：", text); // the notice's year is named when it is not the current year
        Assert.Contains("10家", text);
    }

    [Fact]
    public async Task Who_is_responsible_names_the_units_first()
    {
        var card = OnlyCard(await Bot.SayAsync("谁负责人才服务", TestUser.Named("张三")));
        var texts = card.SelectTokens("$..text").Select(t => t.ToString()).ToList();
        Assert.Equal("（二十四）优化人才服务效能", texts[0]);
        Assert.StartsWith("责任单位：区教育局、区卫生健康委", texts[1]);
        Assert.Contains("各街镇（名录中24个街镇）", texts[1]);
    }

    [Fact]
    public async Task The_card_for_article_3_names_周良街道_as_the_document_does_and_no_card_claims_all_departments()
    {
        var third = BotClient.AllText(await Bot.SayAsync("第3条", TestUser.Named("张三")));
        Assert.Contains("周良街道（京津新城）、潮阳街道", third);
        Assert.DoesNotContain("周良街道、", third);

        foreach (var question in new[] { "第1条", "第27条", "区直部门负责哪些条款", "各街镇要做什么", "谁负责人才服务" })
        {
            var text = BotClient.AllText(await Bot.SayAsync(question, TestUser.Named("张三")));
            Assert.DoesNotContain("全部19个", text);
            Assert.DoesNotContain("全部24个", text);
            Assert.DoesNotMatch(@"全部\d+个", text);
        }
    }

    [Fact]
    public async Task Unit_duties_list_named_articles_then_group_articles_marked_as_such()
    {
        var text = BotClient.AllText(await Bot.SayAsync("区商务局负责哪些条款", TestUser.Named("张三")));

        var labels = LabelledQuestions.ArticleLabels(text);
        Assert.Equal([2, 18, 21, 22, 25, 26], labels.Take(6));
        Assert.Contains("（一）项目引进实现新突破（通过“区直各单位”）", text);
        Assert.True(text.IndexOf("直接列明", StringComparison.Ordinal) < text.IndexOf("通过所属类别", StringComparison.Ordinal));
    }

    [Fact]
    public async Task My_units_duties_use_the_users_binding()
    {
        var user = TestUser.Named("孙八");
        var unbound = BotClient.AllText(await Bot.SayAsync("我单位的职责", user));
        Assert.Contains("还没有绑定", unbound);

        await App.Service<IUnitBindingStore>().SetAsync(new UnitBinding(user.AadObjectId, user.Name, "dept-jrj", "admin", DateTimeOffset.UtcNow));
        var bound = BotClient.AllText(await Bot.SayAsync("我单位的职责", user));
        Assert.Contains("区金融局的职责", bound);
        Assert.Equal(23, LabelledQuestions.ArticleLabels(bound)[0]);
    }

    [Fact]
    public async Task A_vague_question_offers_three_articles_as_buttons()
    {
        var card = OnlyCard(await Bot.SayAsync("招商工作", TestUser.Named("张三")));
        Assert.Contains("您是不是想问", BotClient.CardText(card));
        var buttons = Actions(card).Where(a => a.Value<string>("verb") == SayPayload.Verb).ToList();
        Assert.Equal(3, buttons.Count);
        Assert.All(buttons, b => Assert.Matches("^第\\d+条$", b["data"]!.Value<string>("text")!));

        // Pressing one answers with that article, as if its text had been typed.
        var pressed = await Bot.PressSayAsync(buttons[0]["data"]!.Value<string>("text")!, TestUser.Named("张三"));
        Assert.Equal(BotTexts.ButtonSent(buttons[0]["data"]!.Value<string>("text")!), pressed.Message);
        Assert.StartsWith(buttons[0].Value<string>("title")!, BotClient.AllText(pressed.Messages).Trim());
    }

    [Fact]
    public async Task Nothing_found_says_so_shows_how_to_ask_and_is_logged_for_admins()
    {
        var user = TestUser.Named("张三");
        var text = BotClient.AllText(await Bot.SayAsync("食堂几点开饭", user));
        Assert.Contains("没有找到", text);
        Assert.Contains("您可以这样问我", text);
        Assert.Empty(LabelledQuestions.ArticleLabels(text));

        // Stored after the turn (the answer does not wait for it): ask 未答问题 until it is there.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        string stats;
        while (!(stats = BotClient.AllText(await Bot.SayAsync("未答问题", TestUser.Admin))).Contains("食堂几点开饭"))
            Assert.True(DateTime.UtcNow < deadline, "the unanswered question never reached 未答问题: " + stats);
    }

    [Fact]
    public async Task Unanswered_questions_are_for_admins_only()
    {
        var text = BotClient.AllText(await Bot.SayAsync("未答问题", TestUser.Named("张三")));
        Assert.Contains(BotTexts.AdminOnly("未答问题"), text);
        Assert.DoesNotContain("最近未能回答", text);
    }

    [Fact]
    public async Task Feedback_is_stored_with_the_question_and_counted_for_admins()
    {
        var user = TestUser.Named("张三");
        var card = OnlyCard(await Bot.SayAsync("亲清茶室", user));
        var up = Actions(card).First(a => a.Value<string>("verb") == AnswerCards.FeedbackVerb && a["data"]!.Value<string>("v") == "up");
        var down = Actions(card).First(a => a.Value<string>("verb") == AnswerCards.FeedbackVerb && a["data"]!.Value<string>("v") == "down");

        Assert.Contains("感谢", (await Bot.ExecuteAsync(AnswerCards.FeedbackVerb, up["data"]!, user)).Message);
        for (var i = 0; i < 5; i++) await Bot.ExecuteAsync(AnswerCards.FeedbackVerb, up["data"]!, user); // forged repeats
        await Bot.ExecuteAsync(AnswerCards.FeedbackVerb, up["data"]!, TestUser.Named("李四"));
        await Bot.ExecuteAsync(AnswerCards.FeedbackVerb, down["data"]!, user); // a change of mind replaces the vote

        var stored = await App.Service<KnowledgeFeedbackStore>().AllFeedbackAsync();
        Assert.Equal(2, stored.Count);
        Assert.Single(stored, f => f.UserId == user.AadObjectId && !f.Helpful);
        Assert.All(stored, f => Assert.Equal("亲清茶室", f.Question));
        Assert.All(stored, f => Assert.Equal(15, f.Article));

        var stats = await Bot.SayAsync("问答统计", TestUser.Admin);
        var facts = OnlyCard(stats).SelectTokens("$..facts[*]").ToDictionary(f => f.Value<string>("title")!, f => f.Value<string>("value")!);
        Assert.Equal("1", facts["👍 有帮助"]);
        Assert.Equal("1", facts["👎 没帮助"]);
    }

    [Theory]
    [InlineData("{\"q\":\"亲清茶室\",\"a\":15,\"v\":\"maybe\"}")]
    [InlineData("{\"q\":\"亲清茶室\",\"a\":99,\"v\":\"up\"}")]
    [InlineData("{\"q\":\"亲清茶室\",\"a\":\"15' or 1 eq 1\",\"v\":\"up\"}")]
    [InlineData("{\"q\":\"\",\"a\":15,\"v\":\"up\"}")]
    [InlineData("{\"a\":15,\"v\":\"up\"}")]
    public async Task Malformed_feedback_is_refused_and_nothing_is_stored(string data)
    {
        var result = await Bot.ExecuteAsync(AnswerCards.FeedbackVerb, JObject.Parse(data), TestUser.Named("张三"));
        Assert.Contains("无法识别", result.Message);
        Assert.Empty(await App.Service<KnowledgeFeedbackStore>().AllFeedbackAsync());
    }

    [Fact]
    public async Task In_a_group_chat_a_mention_gets_the_answer_card()
    {
        var user = TestUser.Named("周九");
        var group = TestConversation.Group("19:qa-" + Guid.NewGuid().ToString("N") + "@thread.v2");

        Assert.Empty(await Bot.SayAsync("第十八条", user, group, mention: false));
        var text = BotClient.AllText(await Bot.SayAsync("第十八条", user, group));
        Assert.StartsWith("（十八）积极借助展会招商", text.Trim());
        var channel = BotClient.AllText(await Bot.SayAsync("容错纠错", user, TestConversation.Channel()));
        Assert.StartsWith("（二十九）", channel.Trim());
    }

    [Theory]
    [InlineData("帮助")]
    [InlineData("填报")]
    [InlineData("绑定 区商务局")]
    [InlineData("排名")]
    [InlineData("订阅通报")]
    [InlineData("发布排名 2024-05")]
    [InlineData("我的填报")]
    [InlineData("填报情况")]
    [InlineData("导出")]
    public async Task Other_capabilities_commands_are_not_taken_as_questions(string text)
    {
        var reply = BotClient.AllText(await Bot.SayAsync(text, TestUser.Named("张三")));
        // Each is answered by its own capability (or the help card), never by the policy Q&A.
        Assert.NotEmpty(reply);
        Assert.DoesNotContain("您是不是想问", reply);
        Assert.DoesNotContain("在三十条措施中没有找到", reply);
        Assert.Empty(LabelledQuestions.ArticleLabels(reply));
    }

    [Fact]
    public async Task A_question_that_starts_with_a_command_word_is_still_answered()
    {
        var reply = BotClient.AllText(await Bot.SayAsync("排名靠后的单位会被约谈吗", TestUser.Named("张三")));
        Assert.Equal(27, LabelledQuestions.ArticleLabels(reply).FirstOrDefault());
    }

    [Fact]
    public async Task The_help_card_lists_how_to_ask_about_the_policy()
    {
        var text = BotClient.AllText(await Bot.SayAsync("帮助", TestUser.Named("张三")));
        Assert.Contains("问政策", text);
        Assert.Contains("区商务局负责哪些条款", text);
    }

    [Fact]
    public async Task Listings_return_titles_sections_and_one_sections_articles()
    {
        var all = LabelledQuestions.ArticleLabels(BotClient.AllText(await Bot.SayAsync("三十条措施目录", TestUser.Named("张三"))));
        Assert.Equal(Enumerable.Range(1, 30), all.Distinct());
        var sections = BotClient.AllText(await Bot.SayAsync("分为哪几部分", TestUser.Named("张三")));
        Assert.Contains("十、高水平完善保障机制", sections);
        var one = LabelledQuestions.ArticleLabels(BotClient.AllText(await Bot.SayAsync("招商方向有哪些", TestUser.Named("张三"))));
        Assert.Equal([10, 11, 12, 13], one.Distinct());
    }

    [Fact]
    public async Task A_very_long_message_gets_a_clear_message()
    {
        var text = BotClient.AllText(await Bot.SayAsync(new string('招', 400), TestUser.Named("张三")));
        Assert.Contains("问题太长", text);
    }
}
