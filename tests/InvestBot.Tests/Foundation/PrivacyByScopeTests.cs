using InvestBot.Teams;
using InvestBot.Teams.Commands;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Reporting;
using Microsoft.Bot.Schema;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// Anything that shows one unit's data (the form, its records, rankings, targets, the export), asked for in a group chat
/// or channel, answers in the asker's personal chat; the group hears only that it was sent. Group welcome and help cards
/// do not offer these commands.
/// </summary>
[Trait("Category", "Http")]
public sealed class PrivacyByScopeTests : ReportingBotTestBase
{
    private static readonly TestConversation Group = TestConversation.Group("19:privacy-group@thread.v2");
    private static readonly TestConversation Channel = TestConversation.Channel("19:privacy-channel@thread.tacv2");

    private static string Personal(TestUser user) => TestConversation.Personal(user).Id;

    /// <summary>The bot learns a person's 1:1 chat when they first write to it there.</summary>
    private async Task OpensPersonalChatAsync(TestUser user) => await Bot.SayAsync("你好", user);

    private static void OnlyTheNote(IReadOnlyList<Activity> inGroup, string expected)
    {
        var note = Assert.Single(inGroup);
        Assert.Empty(note.Attachments ?? []);
        Assert.Equal(expected, note.Text);
    }

    [Fact]
    public async Task The_form_asked_for_in_a_group_arrives_in_the_personal_chat_and_can_be_submitted_there()
    {
        var reporter = TestUser.Named("张三");
        await BindAsync(reporter, Chaoyang);
        await OpensPersonalChatAsync(reporter);

        var inGroup = await Bot.SayAsync("填报", reporter, Group);

        OnlyTheNote(inGroup, BotTexts.SentPrivately("张三"));
        var form = BotClient.Cards(Assert.Single(Connector.To(Personal(reporter)))).Single();
        Assert.Contains("潮阳街道", BotClient.CardText(form));
        var receipt = await Bot.ExecuteAsync("report.submit", Submission(form, TownValues()), reporter);
        Assert.Contains("已提交", BotClient.CardText(receipt.Card!));
    }

    [Fact]
    public async Task A_units_records_asked_for_in_a_channel_arrive_in_the_personal_chat()
    {
        var reporter = TestUser.Named("李四");
        await BindAsync(reporter, Chaoyang);
        await OpensPersonalChatAsync(reporter);

        var inChannel = await Bot.SayAsync("我的填报", reporter, Channel);

        OnlyTheNote(inChannel, BotTexts.SentPrivately("李四"));
        Assert.Contains("潮阳街道 2023年填报记录", BotClient.AllText(Connector.To(Personal(reporter))));
    }

    [Fact]
    public async Task Without_a_personal_chat_the_group_is_told_how_to_get_it_and_sees_no_data()
    {
        var reporter = TestUser.Named("王五");
        await BindAsync(reporter, Chaoyang);

        var inGroup = await Bot.SayAsync("填报", reporter, Group);

        OnlyTheNote(inGroup, BotTexts.PrivateNotDelivered("填报"));
        Assert.Empty(Connector.Posts);
    }

    [Fact]
    public async Task Every_private_command_asked_in_a_group_leaves_only_the_note_there()
    {
        await OpensPersonalChatAsync(TestUser.Admin);
        var table = App.Service<CommandTable>();
        var privateCommands = table.Commands.Where(c => c.Privately).ToList();
        Assert.Contains(privateCommands, c => c.Name == "填报");
        Assert.Contains(privateCommands, c => c.Name == "我的填报");
        Assert.Contains(privateCommands, c => c.Name == "排名");
        // Admin answers that list subscriptions, bindings or unit data (issue 18).
        foreach (var name in new[] { "订阅列表", "绑定列表", "解绑", "重新开放", "导入目标", "目标汇总", "年度目标", "期初累计", "填报情况", "导出" })
            Assert.Contains(privateCommands, c => c.Name == name);

        foreach (var command in privateCommands)
        {
            var before = Connector.PostsTo(Personal(TestUser.Admin)).Count;
            var inGroup = await Bot.SayAsync(command.Name, TestUser.Admin, Group);
            OnlyTheNote(inGroup, BotTexts.SentPrivately(TestUser.Admin.Name));
            Assert.True(Connector.PostsTo(Personal(TestUser.Admin)).Count > before, $"“{command.Name}” sent nothing to the personal chat");
        }
    }

    [Fact]
    public async Task A_button_pressed_in_a_group_that_runs_a_private_command_answers_privately_too()
    {
        var reporter = TestUser.Named("赵六");
        await BindAsync(reporter, Chaoyang);
        await OpensPersonalChatAsync(reporter);

        var pressed = await Bot.PressSayAsync("填报", reporter, Group);

        OnlyTheNote(pressed.Messages, BotTexts.SentPrivately("赵六"));
        Assert.Contains("潮阳街道", BotClient.AllText(Connector.To(Personal(reporter))));
    }

    [Fact]
    public async Task The_group_welcome_and_help_cards_do_not_offer_a_units_data_but_say_where_it_is()
    {
        var welcome = BotClient.AllText(await Bot.InstallAsync(TestConversation.Group("19:privacy-welcome@thread.v2"), TestUser.Admin));
        var help = BotClient.AllText(await Bot.SayAsync("帮助", TestUser.Named("孙七"), Group));
        var personalWelcome = BotClient.AllText(await Bot.InstallAsync(TestConversation.Personal(TestUser.Named("周八")), TestUser.Named("周八")));

        foreach (var groupCard in new[] { welcome, help })
        {
            Assert.DoesNotContain("填报 / 我要填报", groupCard);
            Assert.DoesNotContain("我的填报", groupCard);
            Assert.Contains("只在私聊中回复", groupCard);
            Assert.Contains("问政策", groupCard);
        }
        Assert.Contains("填报 / 我要填报", personalWelcome);
        Assert.Contains("我的填报", personalWelcome);
        Assert.DoesNotContain("只在私聊中回复", personalWelcome);
    }
}
