using InvestBot.Teams;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// Card.Say buttons (查看全文, 您是不是想问, 帮助 …) are Action.Execute presses of the kernel verb bot.say: the router runs
/// their text as if the presser typed it, where they pressed it, with the same scope and role checks; the replies are new
/// messages and the pressed card stays. Their data is untrusted like any card's.
/// </summary>
[Trait("Category", "Http")]
public sealed class SayButtonTests : BotAppTest
{
    private static IEnumerable<JObject> SayButtons(JObject card) =>
        card.SelectTokens("$..actions[*]").OfType<JObject>().Where(a => a.Value<string>("verb") == SayPayload.Verb);

    [Fact]
    public async Task The_welcome_cards_help_button_answers_with_the_help_card_in_the_same_group_without_a_mention()
    {
        var group = TestConversation.Group("19:say-welcome@thread.v2");
        var welcome = BotClient.Cards((await Bot.InstallAsync(group, TestUser.Named("张三"))).Single()).Single();
        var help = Assert.Single(SayButtons(welcome));

        var pressed = await Bot.ExecuteAsync(SayPayload.Verb, help["data"]!, TestUser.Named("李四"), group);

        Assert.Equal(BotTexts.ButtonSent("帮助"), pressed.Message); // the welcome card stays as it is
        Assert.Null(pressed.Card);
        var reply = Assert.Single(pressed.Messages);
        Assert.Equal(group.Id, reply.Conversation.Id);
        Assert.Contains(BotTexts.HelpTitle, BotClient.AllText(pressed.Messages));
    }

    [Fact]
    public async Task An_answers_full_text_button_quotes_the_article()
    {
        var answer = BotClient.Cards((await Bot.SayAsync("第五条", TestUser.Named("张三"))).Single()).Single();
        var fullText = SayButtons(answer).Single(b => b.Value<string>("title") == "查看全文");

        var pressed = await Bot.ExecuteAsync(SayPayload.Verb, fullText["data"]!, TestUser.Named("张三"));

        var quoted = BotClient.AllText(pressed.Messages);
        Assert.Contains("（五）", quoted);
        Assert.Contains("责任单位：", quoted);
    }

    [Fact]
    public async Task A_button_can_do_only_what_its_presser_could_type_where_they_pressed_it()
    {
        var reporter = TestUser.Named("王五");
        var notAdmin = await Bot.PressSayAsync("填报情况", reporter);
        var wrongScope = await Bot.PressSayAsync("发布排名 2023-03", TestUser.Admin, TestConversation.Group("19:say-scope@thread.v2"));
        var admin = await Bot.PressSayAsync("填报情况", TestUser.Admin);

        Assert.Equal(BotTexts.AdminOnly("填报情况"), Assert.Single(notAdmin.Messages).Text);
        Assert.Equal(BotTexts.WrongScope("发布排名", "与 InvestBot 的私聊"), Assert.Single(wrongScope.Messages).Text);
        Assert.Contains("填报情况", BotClient.AllText(admin.Messages));
    }

    public static TheoryData<string> ForgedData => new()
    {
        """{"text":5}""",
        """{"text":""}""",
        """{"text":"   "}""",
        """{}""",
        $$"""{"text":"{{new string('问', SayPayload.MaxLength + 1)}}"}""",
    };

    [Theory]
    [MemberData(nameof(ForgedData))]
    public async Task Forged_button_data_gets_a_chinese_message_and_runs_nothing(string data)
    {
        var pressed = await Bot.ExecuteAsync(SayPayload.Verb, JObject.Parse(data), TestUser.Named("赵六"));

        Assert.Equal(BotTexts.UnknownButton, pressed.Message);
        Assert.Empty(pressed.Messages);
    }
}
