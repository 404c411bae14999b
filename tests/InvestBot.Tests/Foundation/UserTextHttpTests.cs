using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Reporting;
using Newtonsoft.Json.Linq;
using Xunit;
using static InvestBot.Tests.Infrastructure.CardMarkdown;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// Through the real adapter: markdown typed into a command, a question or a display name comes back literally — in the
/// plain-text reply that echoes it, the admins' approval card, the decision, 绑定列表, the policy answer and 未答问题.
/// </summary>
[Trait("Category", "Http")]
public sealed class UserTextHttpTests : ReportingBotTestBase
{
    [Fact]
    public async Task A_unit_name_typed_as_markdown_is_echoed_literally_in_the_text_reply()
    {
        var reply = BotClient.AllText(await Bot.SayAsync("绑定 " + Typed, TestUser.Named("张三")));

        Assert.Contains($"没有找到单位“{CardText.Literal(Typed)}”", reply);
        AssertNoLiveMarkdown(reply);
    }

    [Fact]
    public async Task A_reporter_whose_display_name_is_markdown_reaches_the_admins_literally()
    {
        var user = TestUser.Named(Typed);
        await Bot.SayAsync("帮助", TestUser.Admin); // the bot knows the admin's personal chat
        await Bot.SayAsync("绑定 潮阳街道", user);
        var toAdmin = await Connector.WaitForAsync(TestConversation.Personal(TestUser.Admin).Id, a => BotClient.Cards(a).Any());
        var approval = BotClient.Cards(toAdmin).Single();
        AssertLiteral(approval);
        Assert.Equal($"{Typed} 申请绑定 潮阳街道", toAdmin.Summary); // the notification is plain text

        var list = BotClient.Cards((await Bot.SayAsync("绑定列表", TestUser.Admin)).Single()).Single();
        AssertLiteral(list);

        var decided = await Bot.ExecuteAsync("binding.approve", approval["actions"]![0]!["data"]!, TestUser.Admin);
        AssertLiteral(decided.Card!);
        AssertLiteral(BotClient.Cards((await Bot.SayAsync("绑定列表", TestUser.Admin)).Single()).Single());
    }

    [Fact]
    public async Task A_question_typed_as_markdown_is_quoted_literally_in_the_answer_and_in_the_unanswered_list()
    {
        var answer = BotClient.Cards((await Bot.SayAsync(Typed, TestUser.Named("张三"))).Single()).Single();
        AssertLiteral(answer);

        // Stored after the turn: ask 未答问题 until it is there.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        JObject stats;
        while (!string.Join("\n", Of(stats = BotClient.Cards((await Bot.SayAsync("未答问题", TestUser.Admin)).Single()).Single()))
                   .Contains(CardText.Literal(Typed)))
            Assert.True(DateTime.UtcNow < deadline, "the question never reached 未答问题");
        AssertLiteral(stats);
    }

    [Theory]
    [InlineData("导出通报表")]
    [InlineData("发布排名")]
    public async Task A_month_typed_as_markdown_is_echoed_literally(string command)
    {
        var reply = BotClient.AllText(await Bot.SayAsync($"{command} 13月{Link}", TestUser.Admin));

        Assert.Contains($"月份“13月{CardText.Literal(Link)}”不正确", reply);
        AssertNoLiveMarkdown(reply);
    }

    [Fact]
    public async Task A_pasted_page_is_quoted_back_cut_short_and_without_control_characters()
    {
        var reply = BotClient.AllText(await Bot.SayAsync("绑定 x\u0000\u001b" + new string('x', 3000), TestUser.Named("张三")));

        Assert.Contains($"没有找到单位“{new string('x', CardText.QuoteLength)}…”", reply);
        Assert.True(reply.Length < 200, $"the reply echoes {reply.Length} characters");
        Assert.DoesNotContain(reply, char.IsControl);
    }
}
