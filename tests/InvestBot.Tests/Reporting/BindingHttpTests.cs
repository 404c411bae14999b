using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Http")]
public sealed class BindingHttpTests : ReportingBotTestBase
{
    private IUnitBindingStore Bindings => App.Service<IUnitBindingStore>();

    /// <summary>The admin has talked to the bot before, so the bot knows their personal chat.</summary>
    private Task AdminSaysHelloAsync() => Bot.SayAsync("帮助", TestUser.Admin);

    private async Task<JObject> RequestAndGetApprovalCardAsync(TestUser user, string unitText = "潮阳")
    {
        await AdminSaysHelloAsync();
        var replies = await Bot.SayAsync("绑定 " + unitText, user);
        Assert.Contains("等待区合作交流办管理员审批", BotClient.AllText(replies));
        var toAdmin = await Connector.WaitForAsync(TestConversation.Personal(TestUser.Admin).Id, a => BotClient.Cards(a).Any());
        return BotClient.Cards(toAdmin).Single();
    }

    [Fact]
    public async Task A_request_by_alias_reaches_the_admin_and_approval_binds_and_tells_the_user()
    {
        var user = TestUser.Named("张三");

        var card = await RequestAndGetApprovalCardAsync(user, "潮阳");

        Assert.Contains("潮阳街道", BotClient.CardText(card));
        Assert.Contains("张三", BotClient.CardText(card));
        Assert.Null(await Bindings.GetAsync(user.AadObjectId));
        var approve = (JObject)card["actions"]![0]!;
        Assert.Equal("binding.approve", approve.Value<string>("verb"));

        var result = await Bot.ExecuteAsync("binding.approve", approve["data"]!, TestUser.Admin);

        Assert.Contains("已将 张三 绑定为 潮阳街道 的填报人", BotClient.CardText(result.Card!));
        Assert.Equal("town-chaoyang", (await Bindings.GetAsync(user.AadObjectId))!.UnitId);
        var told = await Connector.WaitForAsync(TestConversation.Personal(user).Id, a => a.Text?.Contains("填报人") == true);
        Assert.Contains("您已被绑定为 潮阳街道 的填报人", told.Text);
        Assert.Equal("report.submit", (await FormAsync(user)).SelectToken("actions[0].verb")!.ToString());

        // The card pressed again (or by a second admin) decides nothing more.
        var again = await Bot.ExecuteAsync("binding.approve", approve["data"]!, TestUser.Admin);
        Assert.Contains("已被处理", again.Message);
    }

    [Fact]
    public async Task Rejection_tells_the_user_and_binds_nothing()
    {
        var user = TestUser.Named("王五");
        var card = await RequestAndGetApprovalCardAsync(user, "潮阳街道");

        var result = await Bot.ExecuteAsync("binding.reject", card["actions"]![1]!["data"]!, TestUser.Admin);

        Assert.Contains("已拒绝", BotClient.CardText(result.Card!));
        Assert.Null(await Bindings.GetAsync(user.AadObjectId));
        var told = await Connector.WaitForAsync(TestConversation.Personal(user).Id, a => a.Text?.Contains("未获批准") == true);
        Assert.Contains("潮阳街道", told.Text);
    }

    [Fact]
    public async Task A_non_admin_pressing_approve_changes_nothing()
    {
        var user = TestUser.Named("张三");
        var card = await RequestAndGetApprovalCardAsync(user);

        var self = await Bot.ExecuteAsync("binding.approve", card["actions"]![0]!["data"]!, user);
        var forged = await Bot.ExecuteAsync("binding.approve", new JObject { ["userId"] = user.AadObjectId, ["unitId"] = "town-baoping", ["isAdmin"] = true }, user);

        Assert.Contains("只有区合作交流办管理员", self.Message);
        Assert.Contains("只有区合作交流办管理员", forged.Message);
        Assert.Null(await Bindings.GetAsync(user.AadObjectId));
        // The request is still pending for a real admin.
        var real = await Bot.ExecuteAsync("binding.approve", card["actions"]![0]!["data"]!, TestUser.Admin);
        Assert.Contains("已将", BotClient.CardText(real.Card!));
    }

    [Fact]
    public async Task Repeated_requests_within_ten_minutes_update_the_pending_one_and_send_no_new_admin_cards()
    {
        var user = TestUser.Named("张三");
        var admin = TestConversation.Personal(TestUser.Admin).Id;
        var first = await RequestAndGetApprovalCardAsync(user, "潮阳");
        int CardsToAdmin() => Connector.To(admin).Count(a => BotClient.Cards(a).Any());

        var replies = new List<string>();
        foreach (var unit in new[] { "潮阳街道", "宝平", "潮阳", "宝平街道" })
            replies.Add(BotClient.AllText(await Bot.SayAsync("绑定 " + unit, user)));

        Assert.Equal(1, CardsToAdmin());
        Assert.All(replies, r => Assert.Contains("已有一条待审批的绑定申请，已更新为", r));
        Assert.Contains("已更新为绑定“宝平街道”", replies[^1]);
        Assert.Equal("town-baoping", (await App.Service<BindingRequestStore>().GetAsync(user.AadObjectId))!.UnitId);
        // The first card named 潮阳街道: pressing it now binds nothing and points to the list, which shows the latest.
        var stale = await Bot.ExecuteAsync("binding.approve", first["actions"]![0]!["data"]!, TestUser.Admin);
        Assert.Contains("已被新的申请替代", stale.Message);
        Assert.Null(await Bindings.GetAsync(user.AadObjectId));
        var list = BotClient.CardText(BotClient.Cards(Assert.Single(await Bot.SayAsync("绑定列表", TestUser.Admin))).Single());
        Assert.Contains("宝平街道", list);

        // Ten minutes after the admins' card, asking again is a new request: the admins are asked again.
        Time.Advance(InvestBot.Reporting.BindingService.RepeatWindow + TimeSpan.FromSeconds(1));
        var again = await Bot.SayAsync("绑定 潮阳", user);
        Assert.Contains("等待区合作交流办管理员审批", BotClient.AllText(again));
        Assert.Equal(2, CardsToAdmin());
        Assert.Contains("潮阳街道", BotClient.CardText(BotClient.Cards(Connector.To(admin).Last(a => BotClient.Cards(a).Any())).Single()));
    }

    [Theory]
    [InlineData("绑定 不存在的单位", "没有找到单位")]
    [InlineData("绑定", "请在“绑定”后写上您的单位")]
    [InlineData("绑定 合作办", "不参与月度填报")]
    [InlineData("绑定谁来审批", "申请会发给区合作交流办管理员")]
    [InlineData("绑定 怎么弄？", "《三十条措施》对此没有规定")]
    public async Task Unknown_or_non_reporting_units_and_questions_about_binding_bind_nothing(string text, string message)
    {
        var replies = await Bot.SayAsync(text, TestUser.Named("张三"));

        Assert.Contains(message, BotClient.AllText(replies));
        Assert.Empty(await Bindings.ListAsync());
    }

    [Fact]
    public async Task An_admin_binds_directly_by_aad_id_lists_and_unbinds()
    {
        var user = TestUser.Named("赵六");
        await Bot.SayAsync("帮助", user);

        var bound = await Bot.SayAsync($"绑定 宝平街道 {user.AadObjectId}", TestUser.Admin);
        Assert.Contains("绑定为 宝平街道 的填报人", BotClient.AllText(bound));
        Assert.Equal("town-baoping", (await Bindings.GetAsync(user.AadObjectId))!.UnitId);
        await Connector.WaitForAsync(TestConversation.Personal(user).Id, a => a.Text?.Contains("宝平街道") == true);

        var list = BotClient.Cards(Assert.Single(await Bot.SayAsync("绑定列表", TestUser.Admin))).Single();
        Assert.Contains("宝平街道", BotClient.CardText(list));
        var unbind = list.SelectTokens("$..actions[?(@.verb == 'binding.unbind')]").Single();

        var refused = await Bot.ExecuteAsync("binding.unbind", unbind["data"]!, user);
        Assert.Contains("只有区合作交流办管理员", refused.Message);
        Assert.NotNull(await Bindings.GetAsync(user.AadObjectId));

        var result = await Bot.ExecuteAsync("binding.unbind", unbind["data"]!, TestUser.Admin);
        Assert.Contains("已解除", BotClient.CardText(result.Card!));
        Assert.Null(await Bindings.GetAsync(user.AadObjectId));
    }

    [Fact]
    public async Task A_long_bindings_list_comes_as_several_cards_Teams_accepts_and_a_button_on_the_last_unbinds()
    {
        var units = App.Service<UnitDirectory>().Units;
        for (var i = 0; i < 120; i++)
            await Bindings.SetAsync(new UnitBinding($"aad-many-{i:D3}", $"填报人{i}", units[i % units.Count].Id, "王主任", DateTimeOffset.UtcNow));

        var cards = (await Bot.SayAsync("绑定列表", TestUser.Admin)).SelectMany(BotClient.Cards).ToList();

        Assert.True(cards.Count > 1, "120 bindings in one card");
        Assert.All(cards, card => Assert.InRange(Card.Size(card), 1, Card.MaxBytes));
        var last = cards[^1].SelectTokens("$..actions[?(@.verb == 'binding.unbind')]").Last();
        var userId = last["data"]!.Value<string>("userId")!;
        var result = await Bot.ExecuteAsync("binding.unbind", last["data"]!, TestUser.Admin);
        Assert.Contains("已解除", BotClient.CardText(result.Card!));
        Assert.Null(await Bindings.GetAsync(userId));
    }

    [Fact]
    public async Task Non_admins_cannot_list_bind_others_or_unbind()
    {
        var user = TestUser.Named("张三");
        var other = TestUser.Named("李四");

        var list = await Bot.SayAsync("绑定列表", user);
        var bindOther = await Bot.SayAsync($"绑定 潮阳街道 {other.AadObjectId}", user);
        var unbind = await Bot.SayAsync("解绑 李四", user);

        Assert.Contains("只有区合作交流办管理员", BotClient.AllText(list));
        Assert.Contains("只有区合作交流办管理员", BotClient.AllText(bindOther));
        Assert.Contains("只有区合作交流办管理员", BotClient.AllText(unbind));
        Assert.Empty(await Bindings.ListAsync());
    }

    [Fact]
    public async Task Admin_unbinds_by_name()
    {
        var user = TestUser.Named("孙七");
        await BindAsync(user, Chaoyang);

        var replies = await Bot.SayAsync("解绑 孙七", TestUser.Admin);

        Assert.Contains("已解除 孙七 与 潮阳街道 的绑定", BotClient.AllText(replies));
        Assert.Null(await Bindings.GetAsync(user.AadObjectId));
    }

    [Fact]
    public async Task An_admin_binds_a_colleague_by_mentioning_them_in_a_group_chat()
    {
        var colleague = TestUser.Named("周八");
        var group = TestConversation.Group();
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "mention-1",
            ChannelId = "msteams",
            ServiceUrl = Bot.ServiceUrl,
            DeliveryMode = DeliveryModes.ExpectReplies,
            From = new ChannelAccount(TestUser.Admin.Id, TestUser.Admin.Name) { AadObjectId = TestUser.Admin.AadObjectId },
            Recipient = new ChannelAccount(BotClient.BotId, "InvestBot"),
            Conversation = new ConversationAccount(true, "groupChat", group.Id),
            Text = "<at>InvestBot</at> 绑定 钰华街道 <at>周八</at>",
            Entities = new List<Entity>
            {
                new Mention { Mentioned = new ChannelAccount(BotClient.BotId, "InvestBot"), Text = "<at>InvestBot</at>", Type = "mention" },
                new Mention { Mentioned = new ChannelAccount(colleague.Id, colleague.Name) { AadObjectId = colleague.AadObjectId }, Text = "<at>周八</at>", Type = "mention" },
            },
        };

        var replies = await Bot.SendAsync(activity);

        Assert.Contains("已将 周八 绑定为 钰华街道 的填报人", BotClient.AllText(replies));
        Assert.Equal("town-yuhua", (await Bindings.GetAsync(colleague.AadObjectId))!.UnitId);
    }
}
