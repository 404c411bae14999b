using InvestBot.Conversations;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Foundation;

[Trait("Category", "Http")]
public sealed class ConversationBasicsTests : BotAppTest
{
    [Fact]
    public async Task Help_in_personal_chat_returns_the_help_card()
    {
        var replies = await Bot.SayAsync("帮助", TestUser.Named("张三"));

        var reply = Assert.Single(replies);
        var card = Assert.Single(BotClient.Cards(reply));
        Assert.Contains("InvestBot 使用帮助", BotClient.CardText(card));
        Assert.DoesNotContain("管理员命令", BotClient.CardText(card));
    }

    [Fact]
    public async Task Help_for_an_admin_lists_admin_commands_only_when_there_are_any()
    {
        var user = await Bot.SayAsync("帮助", TestUser.Named("李四"));
        var admin = await Bot.SayAsync("帮助", TestUser.Admin);

        Assert.DoesNotContain("管理员命令", BotClient.AllText(user));
        Assert.True(BotClient.AllText(admin).Length >= BotClient.AllText(user).Length);
    }

    [Fact]
    public async Task In_a_group_chat_the_bot_answers_only_when_mentioned_and_strips_the_mention()
    {
        var user = TestUser.Named("王五");
        var group = TestConversation.Group();

        var silent = await Bot.SayAsync("帮助", user, group, mention: false);
        var answered = await Bot.SayAsync("帮助", user, group, mention: true);

        Assert.Empty(silent);
        Assert.Contains("InvestBot 使用帮助", BotClient.AllText(answered));
    }

    [Fact]
    public async Task In_a_channel_the_bot_answers_when_mentioned()
    {
        var replies = await Bot.SayAsync("帮助", TestUser.Named("赵六"), TestConversation.Channel());
        Assert.Contains("InvestBot 使用帮助", BotClient.AllText(replies));
    }

    [Theory]
    [InlineData("personal")]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task Installing_sends_one_welcome_card_and_saves_the_conversation(string type)
    {
        var conversation = type switch
        {
            "personal" => TestConversation.Personal(TestUser.Named("钱七")),
            "groupChat" => TestConversation.Group("19:g-" + Guid.NewGuid().ToString("N") + "@thread.v2"),
            _ => TestConversation.Channel("19:c-" + Guid.NewGuid().ToString("N") + "@thread.tacv2"),
        };

        var first = await Bot.InstallAsync(conversation, TestUser.Named("钱七"));
        var second = await Bot.InstallAsync(conversation, TestUser.Named("钱七"));

        Assert.Contains("您好，我是宝坻区招商引资助手", BotClient.AllText(first));
        Assert.Empty(second);
        var saved = await App.Service<IConversationStore>().GetAsync(conversation.Id);
        Assert.NotNull(saved);
        Assert.Equal(type, saved!.ConversationType);
        Assert.Equal(Bot.ServiceUrl, saved.ServiceUrl);
        Assert.Equal("tenant-test", saved.TenantId);
        Assert.False(saved.Removed);
        if (type == "channel")
        {
            Assert.Equal(conversation.TeamId, saved.TeamId);
            Assert.Equal("招商团队", saved.TeamName);
        }
    }

    [Fact]
    public async Task Uninstalling_marks_the_conversation_removed_and_reinstalling_welcomes_again()
    {
        var group = TestConversation.Group("19:g-" + Guid.NewGuid().ToString("N") + "@thread.v2");
        var user = TestUser.Named("孙八");
        await Bot.InstallAsync(group, user);

        await Bot.UninstallAsync(group, user);
        var removed = await App.Service<IConversationStore>().GetAsync(group.Id);
        var again = await Bot.InstallAsync(group, user);

        Assert.True(removed!.Removed);
        Assert.Contains("您好", BotClient.AllText(again));
        Assert.False((await App.Service<IConversationStore>().GetAsync(group.Id))!.Removed);
    }

    [Fact]
    public async Task First_message_saves_the_conversation_even_without_an_install_event()
    {
        var user = TestUser.Named("周九");
        await Bot.SayAsync("帮助", user);

        var saved = await App.Service<IConversationStore>().FindPersonalChatAsync(user.AadObjectId);
        Assert.NotNull(saved);
        Assert.Equal(user.Name, saved!.UserName);
    }

    [Fact]
    public async Task An_unknown_card_verb_gets_a_chinese_message_not_an_error()
    {
        var response = await Bot.ExecuteAsync("no.such.verb", new Newtonsoft.Json.Linq.JObject(), TestUser.Named("吴十"));
        Assert.Null(response.Card);
        Assert.Contains("无法识别", response.Message);
    }
}
