using System.Text.RegularExpressions;
using InvestBot.Access;
using InvestBot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// Reporters are read by name: names learned from Teams (a sender's message, a chat's roster via the members API, served
/// by the fake connector), @mentions resolved to the mentioned person's AAD id, a roster import bound when people are
/// first seen, and binding questions answered with the binding help.
/// </summary>
[Trait("Category", "Http")]
public sealed partial class ReportersByNameHttpTests : ReportingBotTestBase
{
    private IUnitBindingStore Bindings => App.Service<IUnitBindingStore>();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    private async Task<string> BindingListTextAsync()
    {
        var replies = await Bot.SayAsync("绑定列表", TestUser.Admin);
        return BotClient.CardText(BotClient.Cards(Assert.Single(replies)).Single());
    }

    [Fact]
    public async Task A_person_bound_by_id_is_listed_by_name_once_they_write_and_never_as_an_id_before()
    {
        var reporter = TestUser.Named("李明");
        await Bot.SayAsync($"绑定 潮阳街道 {reporter.AadObjectId}", TestUser.Admin);

        var before = await BindingListTextAsync();
        Assert.DoesNotMatch(Guid(), before);
        Assert.Contains("潮阳街道：（尚未在 Teams 中与 InvestBot 见过面", before);

        await Bot.SayAsync("帮助", reporter);
        var after = await WaitForListAsync("潮阳街道：李明");
        Assert.DoesNotMatch(Guid(), after);
    }

    [Fact]
    public async Task A_members_api_that_hangs_does_not_hold_the_answer_and_the_name_is_still_learned()
    {
        Connector.MemberLatency = TimeSpan.FromSeconds(20);
        Bot.ServiceUrl = Connector.ServiceUrl;
        var reporter = TestUser.Named("孙丽");
        await Bot.SayAsync($"绑定 潮阳街道 {reporter.AadObjectId}", TestUser.Admin);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var replies = await Bot.SayAsync("帮助", reporter);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the turn took {watch.Elapsed}");
        Assert.Contains("InvestBot", BotClient.AllText(replies));
        await WaitForListAsync("潮阳街道：孙丽");
    }

    [Fact]
    public async Task A_mention_without_an_aad_id_is_resolved_through_the_members_api_and_never_binds_the_sender()
    {
        var group = TestConversation.Group();
        var colleague = TestUser.Named("周八");
        Connector.AddMember(group.Id, colleague.Id, colleague.Name, colleague.AadObjectId, "zhouba@baodi.example");
        Bot.ServiceUrl = Connector.ServiceUrl;

        var replies = await Bot.SendAsync(MentionActivity(group, "绑定 钰华街道 <at>周八</at>", new ChannelAccount(colleague.Id, colleague.Name)));

        Assert.Contains("已将 周八 绑定为 钰华街道 的填报人", BotClient.AllText(replies));
        Assert.Equal("town-yuhua", (await Bindings.GetAsync(colleague.AadObjectId))!.UnitId);
        Assert.Null(await Bindings.GetAsync(TestUser.Admin.AadObjectId));
    }

    [Fact]
    public async Task A_mention_teams_cannot_resolve_binds_nobody()
    {
        var group = TestConversation.Group();
        var replies = await Bot.SendAsync(MentionActivity(group, "绑定 钰华街道 <at>陌生人</at>", new ChannelAccount("29:stranger", "陌生人")));

        Assert.Contains("无法从 Teams 确认被 @ 的人", BotClient.AllText(replies));
        Assert.Empty(await Bindings.ListAsync());
    }

    [Fact]
    public async Task A_roster_binds_known_people_at_once_and_the_others_when_first_seen()
    {
        var group = TestConversation.Group();
        var known = TestUser.Named("张华");
        var later = TestUser.Named("赵敏");
        var joiner = TestUser.Named("刘洋");
        Connector.AddMember(group.Id, known.Id, known.Name, known.AadObjectId, "zhanghua@baodi.example");
        await Bot.InstallAsync(group, TestUser.Admin); // the bot learns the group's roster
        Connector.AddMember("a:personal-" + later.AadObjectId, later.Id, later.Name, later.AadObjectId, "zhaomin@baodi.example");

        var replies = await Bot.SayAsync("导入填报人\n单位,姓名,邮箱\n宝平街道,张华,ZhangHua@baodi.example\n潮阳街道,赵敏,zhaomin@baodi.example\n" +
            "钰华街道,刘洋,liuyang@baodi.example\n火星街道,某人,x@baodi.example\n大口屯镇,无邮箱,没有", TestUser.Admin);

        var summary = BotClient.CardText(BotClient.Cards(Assert.Single(replies)).Single());
        Assert.Contains("已绑定 1 人，待首次出现 2 人，无法识别 2 行", summary);
        Assert.Contains("宝平街道：张华", summary);
        Assert.Contains("单位名称未找到", summary);
        Assert.True(summary.Contains("邮箱/UPN 不正确"), summary);
        Assert.Equal("town-baoping", (await Bindings.GetAsync(known.AadObjectId))!.UnitId);
        Assert.Null(await Bindings.GetAsync(later.AadObjectId));

        // 赵敏 writes to the bot: Teams' member information gives her mail, so she is bound before her first words are
        // answered — her very first message opens her unit's form.
        var form = await Bot.SayAsync("填报", later);
        Assert.Contains("潮阳街道", BotClient.CardText(BotClient.Cards(Assert.Single(form)).Single()));
        Assert.Equal("town-chaoyang", (await Bindings.GetAsync(later.AadObjectId))!.UnitId);
        Assert.Equal("赵敏", (await Bindings.GetAsync(later.AadObjectId))!.UserName);

        // 刘洋 joins the group: the bot reads the roster again and binds him.
        Connector.AddMember(group.Id, joiner.Id, joiner.Name, joiner.AadObjectId, "liuyang@baodi.example");
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate, Id = "join-1", ChannelId = "msteams", ServiceUrl = Bot.ServiceUrl,
            DeliveryMode = DeliveryModes.ExpectReplies,
            From = new ChannelAccount(TestUser.Admin.Id, TestUser.Admin.Name) { AadObjectId = TestUser.Admin.AadObjectId },
            Recipient = new ChannelAccount(BotClient.BotId, "InvestBot"),
            Conversation = new ConversationAccount(true, "groupChat", group.Id),
            MembersAdded = [new ChannelAccount(joiner.Id, joiner.Name) { AadObjectId = joiner.AadObjectId }],
        };
        await Bot.SendAsync(update);
        Assert.Equal("town-yuhua", (await Bindings.GetAsync(joiner.AadObjectId))!.UnitId);
        var list = await BindingListTextAsync();
        Assert.Contains("宝平街道：张华", list);
        Assert.Contains("钰华街道：刘洋", list);
        Assert.DoesNotMatch(Guid(), list);
    }

    [Theory]
    [InlineData("导入填报人 宝平街道,张华,ZhangHua@baodi.example；钰华街道,刘洋,liuyang@baodi.example")]
    [InlineData("导入填报人 宝平街道，张华，ZhangHua@baodi.example; 钰华街道，刘洋，liuyang@baodi.example")]
    public async Task A_short_roster_can_be_typed_on_one_line_with_semicolons(string message)
    {
        var replies = await Bot.SayAsync(message, TestUser.Admin);

        var summary = BotClient.CardText(BotClient.Cards(Assert.Single(replies)).Single());
        Assert.Contains("待首次出现 2 人", summary);
        Assert.Contains("宝平街道：张华", summary);
        Assert.Contains("钰华街道：刘洋", summary);
    }

    [Fact]
    public async Task A_roster_import_is_for_admins_only()
    {
        var reporter = TestUser.Named("张三");
        var replies = await Bot.SayAsync("导入填报人\n潮阳街道,张三,zs@baodi.example", reporter);
        Assert.Contains("只有", BotClient.AllText(replies));
    }

    [Theory]
    [InlineData("怎么绑定单位？")]
    [InlineData("如何绑定填报单位")]
    [InlineData("我该怎么绑定")]
    public async Task A_question_about_binding_gets_the_binding_help(string question)
    {
        var replies = await Bot.SayAsync(question, TestUser.Named("新人"));
        var text = BotClient.AllText(replies);
        Assert.Contains("发送“绑定 单位名称”", text);
        Assert.DoesNotContain("没有找到", text);
    }

    private Activity MentionActivity(TestConversation group, string text, ChannelAccount mentioned) => new()
    {
        Type = ActivityTypes.Message,
        Id = "mention-" + System.Guid.NewGuid().ToString("N")[..6],
        ChannelId = "msteams",
        ServiceUrl = Bot.ServiceUrl,
        DeliveryMode = DeliveryModes.ExpectReplies,
        From = new ChannelAccount(TestUser.Admin.Id, TestUser.Admin.Name) { AadObjectId = TestUser.Admin.AadObjectId },
        Recipient = new ChannelAccount(BotClient.BotId, "InvestBot"),
        Conversation = new ConversationAccount(true, "groupChat", group.Id),
        Text = "<at>InvestBot</at> " + text,
        Entities = new List<Entity>
        {
            new Mention { Mentioned = new ChannelAccount(BotClient.BotId, "InvestBot"), Text = "<at>InvestBot</at>", Type = "mention" },
            new Mention { Mentioned = mentioned, Text = $"<at>{mentioned.Name}</at>", Type = "mention" },
        },
    };

    private async Task<string> WaitForListAsync(string expect)
    {
        var text = "";
        await WaitUntilAsync(async () => (text = await BindingListTextAsync()).Contains(expect));
        return text;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in 10 s");
            await Task.Delay(50);
        }
    }
}
