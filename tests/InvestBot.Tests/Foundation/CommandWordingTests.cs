using InvestBot.Teams;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// Staff type commands the way they type: a slip of the pinyin input (one character off a command word) or a Latin word
/// glued on gets 您是不是想用 … with a button, not the policy "not found" card; a phrasing of a command (我们单位排第几)
/// reaches the command. A short policy term is still a policy question.
/// </summary>
[Trait("Category", "Http")]
public sealed class CommandWordingTests : BotAppTest
{
    private async Task<JObject> OnlyCardAsync(string text, TestUser user) =>
        BotClient.Cards(Assert.Single(await Bot.SayAsync(text, user))).Single();

    private static string? FirstButtonText(JObject card) =>
        card.SelectTokens("$..actions[*]").OfType<JObject>().First(a => a.Value<string>("verb") == SayPayload.Verb)["data"]!.Value<string>("text");

    [Theory]
    [InlineData("添报", "填报", "填报")]
    [InlineData("排明", "排名", "排名")]
    [InlineData("帮组", "帮助", "帮助")]
    [InlineData("绑订 潮阳街道", "绑定", "绑定 潮阳街道")]
    [InlineData("我要天报", "填报", "我要填报")]
    [InlineData("本单位排明", "我单位排名", "我单位排名")] // the Q&A reads 本单位 as "bind first"; the slip wins
    public async Task A_mistyped_command_word_suggests_the_command_with_a_button(string typed, string command, string button)
    {
        var card = await OnlyCardAsync(typed, TestUser.Named("张三"));

        Assert.Contains(BotTexts.DidYouMeanCommand(command), BotClient.CardText(card));
        Assert.DoesNotContain("没有找到", BotClient.CardText(card));
        Assert.Equal(button, FirstButtonText(card));
    }

    [Fact]
    public async Task Pressing_the_suggestion_runs_the_command()
    {
        var card = await OnlyCardAsync("帮组", TestUser.Named("张三"));

        var pressed = await Bot.PressSayAsync(FirstButtonText(card)!, TestUser.Named("张三"));

        Assert.Contains(BotTexts.HelpTitle, BotClient.AllText(pressed.Messages));
    }

    [Fact]
    public async Task A_latin_word_glued_to_an_admin_command_suggests_it_only_to_admins()
    {
        var admin = await OnlyCardAsync("导出xlsx", TestUser.Admin);
        var reporter = BotClient.CardText(await OnlyCardAsync("导出xlsx", TestUser.Named("李四")));

        Assert.Contains(BotTexts.DidYouMeanCommand("导出"), BotClient.CardText(admin));
        Assert.Equal("导出", FirstButtonText(admin));
        Assert.DoesNotContain("您是不是想用", reporter); // 导出 is not theirs to use
    }

    [Theory]
    [InlineData("排位", "（二十五）")]
    [InlineData("人才", "（二十四）")]
    public async Task A_short_policy_term_near_a_command_word_is_still_a_policy_question(string term, string article)
    {
        var text = BotClient.CardText(await OnlyCardAsync(term, TestUser.Named("王五")));

        Assert.DoesNotContain("您是不是想用", text);
        Assert.Contains(article, text);
    }

    [Theory]
    [InlineData("咱镇排多少名", "无法查询本单位排名")]
    [InlineData("我们单位排第几", "无法查询本单位排名")]
    [InlineData("本街道的名次", "无法查询本单位排名")]
    [InlineData("咱局排名第几", "无法查询本单位排名")]
    [InlineData("本单位排第几名呢", "无法查询本单位排名")]
    [InlineData("咱镇的任务完成多少了", "无法查看本单位进度")]
    [InlineData("本单位年度指标有多少", "无法查看本单位进度")]
    [InlineData("我们局进度如何", "无法查看本单位进度")]
    public async Task Asking_for_the_own_units_place_or_progress_in_other_words_reaches_the_units_command(string asked, string answer)
    {
        var replies = await Bot.SayAsync(asked, TestUser.Named("赵六"));

        // An unbound person is told to bind first: 我单位排名 / 我单位进度 answered, not the policy Q&A.
        Assert.Contains(answer, BotClient.AllText(replies));
    }

    [Theory]
    [InlineData("看一下最新的排名")]
    [InlineData("帮我查查排行榜")]
    public async Task Asking_to_see_the_ranking_reaches_the_ranking(string asked)
    {
        var text = BotClient.AllText(await Bot.SayAsync(asked, TestUser.Named("赵六")));

        Assert.Contains("还没有发布过排名通报", text);
        Assert.DoesNotContain("（二十五）", text);
    }
}
