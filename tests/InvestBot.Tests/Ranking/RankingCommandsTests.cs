using InvestBot.Teams;
using InvestBot.Ranking.Bot;
using InvestBot.Access;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Ranking;

/// <summary>The ranking commands through the real /api/messages endpoint, posting to a loopback Bot Connector.</summary>
[Trait("Category", "Http")]
public sealed class RankingCommandsTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TestConversation Group = TestConversation.Group("19:ranking-group@thread.v2");
    private static readonly TestConversation Channel = TestConversation.Channel("19:ranking-channel@thread.tacv2");
    private static readonly TestUser Admin = TestUser.Admin;
    private FakeBotConnector _connector = null!;
    private RankingBot _bot = null!;
    private readonly FakeFiguresReader _figures = RankingSamples.Figures(3, [RankingSamples.UnitId("黄庄镇")]);

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = await RankingBot.StartAsync(_connector, _figures);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private BotClient Client => _bot.Client;

    private async Task<string> SayAsync(string text, TestUser user, TestConversation? where = null) =>
        BotClient.AllText(await Client.SayAsync(text, user, where));

    private async Task SubscribeBothAsync()
    {
        await Client.InstallAsync(Group, Admin);
        await Client.InstallAsync(Channel, Admin);
        Assert.Contains("已订阅", await SayAsync("订阅通报", Admin, Group));
        Assert.Contains("已订阅", await SayAsync("订阅通报", Admin, Channel));
    }

    [Fact]
    public async Task Admin_subscribes_group_and_channel_lists_them_and_unsubscribes()
    {
        await SubscribeBothAsync();
        Assert.Contains("无需重复订阅", await SayAsync("订阅通报", Admin, Group));
        Assert.Contains("只有区合作交流办管理员", await SayAsync("订阅通报", TestUser.Named("张三"), Group));
        Assert.Contains(BotTexts.WrongScope("订阅通报", "群聊或团队频道"), await SayAsync("订阅通报", Admin));

        var list = await SayAsync("订阅列表", Admin);
        Assert.Contains("通报订阅（2 个会话）", list);
        Assert.Contains("招商团队 / 通报", Infrastructure.CardMarkdown.Shown(list)); // a conversation name is shown literally
        Assert.Contains("只有区合作交流办管理员", await SayAsync("订阅列表", TestUser.Named("李四")));

        Assert.Contains("已取消订阅", await SayAsync("取消订阅", Admin, Channel));
        Assert.Contains("没有订阅通报", await SayAsync("取消订阅", Admin, Channel));
        var remaining = await _bot.Service<SubscriptionStore>().ListAsync();
        Assert.Equal(["19:ranking-group@thread.v2"], remaining.Select(s => s.ConversationId));
    }

    [Fact]
    public async Task Removing_the_bot_unsubscribes_the_conversation()
    {
        await SubscribeBothAsync();
        await Client.UninstallAsync(Group, Admin);
        var remaining = await _bot.Service<SubscriptionStore>().ListAsync();
        Assert.Equal(["19:ranking-channel@thread.tacv2"], remaining.Select(s => s.ConversationId));
    }

    [Fact]
    public async Task Publish_shows_a_private_preview_then_confirm_posts_to_both_and_reports_progress()
    {
        await SubscribeBothAsync();
        await SayAsync("帮助", Admin); // the admin's personal chat, where progress is reported

        var preview = await Client.SayAsync("发布排名 2023-03", Admin);
        var cards = preview.SelectMany(BotClient.Cards).ToList();
        Assert.Contains("宝坻区招商引资情况通报（2023年3月）", BotClient.CardText(cards[0]));
        var confirm = cards.Last();
        Assert.Contains("确认发布", BotClient.CardText(confirm));
        Assert.Contains("接收会话", BotClient.CardText(confirm));
        Assert.Empty(_connector.Posts); // nothing sent before confirmation

        var data = (JObject)confirm["actions"]!.First(a => a.Value<string>("verb") == RankingCards.ConfirmVerb)["data"]!;
        var started = await Client.ExecuteAsync(RankingCards.ConfirmVerb, data, Admin);
        Assert.Contains("正在发布", BotClient.CardText(started.Card!));
        Assert.Contains("0/2", BotClient.CardText(started.Card!));
        // Teams refreshes the progress card for the admin who published (Universal Actions refresh).
        Assert.Equal(Admin.Id, started.Card!["refresh"]!["userIds"]![0]!.Value<string>());
        Assert.Equal(RankingCards.ProgressVerb, started.Card!["refresh"]!["action"]!.Value<string>("verb"));

        var announcement = await _bot.WaitForStateAsync("2023-03.r0", AnnouncementState.Completed, Timeout);
        var parts = _bot.PartsOf((await _bot.Service<RankingAnnouncementStore>().GetAsync(announcement.Id))!);
        Assert.Equal(parts, _connector.PostsTo(Group.Id).Count);
        Assert.Equal(parts, _connector.PostsTo(Channel.Id).Count);
        Assert.Contains("宝坻区招商引资情况通报（2023年3月）", _connector.PostsTo(Channel.Id)[0].Activity.ToString());

        // The admin is told in the personal chat once everything is out.
        var personal = TestConversation.Personal(Admin).Id;
        var note = await _connector.WaitForAsync(personal, a => a.Text?.Contains("发布完成") == true, Timeout);
        Assert.Contains("发布完成：已送达 2/2", note.Text);
        Assert.Single(_connector.PostsTo(personal));

        var progress = await Client.ExecuteAsync(RankingCards.ProgressVerb, new JObject { ["announcement"] = "2023-03.r0" }, Admin);
        Assert.Contains("发布完成", BotClient.CardText(progress.Card!));
        Assert.Contains("2/2", BotClient.CardText(progress.Card!));
        Assert.Null(progress.Card!["refresh"]); // finished: no more refreshing

        // Again: nothing new is posted, neither by the command nor by pressing the old button.
        Assert.Contains("已于", await SayAsync("发布排名 2023-03", Admin));
        var again = await Client.ExecuteAsync(RankingCards.ConfirmVerb, data, Admin);
        Assert.Contains("已经发布过", again.Message);
        Assert.Equal(2 * parts + 1, _connector.Posts.Count);
    }

    [Fact]
    public async Task Correction_is_previewed_and_posted_marked_更正()
    {
        await SubscribeBothAsync();
        Assert.Contains("尚未发布", await SayAsync("更正排名 2023-03", Admin));
        var first = await _bot.PublishAsync(new RankingPeriod(2023, 3));
        await _bot.WaitForStateAsync(first.Announcement!.Id, AnnouncementState.Completed, Timeout);
        var parts = _bot.PartsOf(first.Announcement);

        // Nothing changed since the publication: said so, and no confirm is offered.
        var unchanged = await Client.SayAsync("更正排名 2023-03", Admin);
        Assert.Empty(unchanged.SelectMany(BotClient.Cards));
        Assert.Contains("都没有变化", BotClient.AllText(unchanged));
        Assert.Equal(parts, _connector.PostsTo(Group.Id).Count);

        // 黄庄镇 reports March late: now there is something to correct.
        var huangzhuang = RankingSamples.UnitId("黄庄镇");
        var marchOfOther = _figures.All.First(f => f.Year == 2023 && f.Month == 3 && f.UnitId != huangzhuang);
        _figures.Submit(huangzhuang, 2023, 3, marchOfOther.Values.Select(v => (v.Key, v.Value)).ToArray());

        var preview = (await Client.SayAsync("更正排名 2023年3月", Admin)).SelectMany(BotClient.Cards).ToList();
        Assert.StartsWith("【更正】", preview[0]["body"]![0]!.Value<string>("text"));
        var data = (JObject)preview.Last()["actions"]![0]!["data"]!;
        Assert.Equal(1, data.Value<int>("revision"));
        await Client.ExecuteAsync(RankingCards.ConfirmVerb, data, Admin);
        await _bot.WaitForStateAsync("2023-03.r1", AnnouncementState.Completed, Timeout);
        Assert.Equal(2 * parts, _connector.PostsTo(Group.Id).Count);
        Assert.Contains("【更正】", _connector.PostsTo(Group.Id)[parts].Activity.ToString());
    }

    [Fact]
    public async Task A_month_without_a_year_means_the_latest_such_month_that_has_ended()
    {
        await SubscribeBothAsync();
        var beijing = DateTime.UtcNow.AddHours(8);
        var year = beijing.Month > 3 ? beijing.Year : beijing.Year - 1;

        var preview = (await Client.SayAsync("发布排名 3月", Admin)).SelectMany(BotClient.Cards).ToList();

        Assert.Contains($"宝坻区招商引资情况通报（{year}年3月）", BotClient.CardText(preview[0]));
        Assert.Contains("确认发布", BotClient.CardText(preview.Last()));
    }

    [Fact]
    public async Task Cancel_sends_nothing()
    {
        await SubscribeBothAsync();
        var preview = (await Client.SayAsync("发布排名 2023-03", Admin)).SelectMany(BotClient.Cards).ToList();
        var data = (JObject)preview.Last()["actions"]![1]!["data"]!;
        var cancelled = await Client.ExecuteAsync(RankingCards.CancelVerb, data, Admin);
        Assert.Contains("已取消发布", BotClient.CardText(cancelled.Card!));
        Assert.Empty(await _bot.Service<RankingAnnouncementStore>().ListAsync());
        Assert.Empty(_connector.Posts);
    }

    [Theory]
    [InlineData("发布排名", "请写明要发布的月份")]
    [InlineData("发布排名 2023-13", "月份“2023-13”不正确")]
    [InlineData("发布排名 13月", "月份“13月”不正确")]
    [InlineData("发布排名 abc' or 1 eq 1", "请写明要发布的月份")]
    [InlineData("发布排名 2099-01", "2099年1月还没有结束，不能发布排名。2月1日起可发布")]
    public async Task Bad_periods_get_a_clear_message_and_change_nothing(string text, string expected)
    {
        await SubscribeBothAsync();
        Assert.Contains(expected, Infrastructure.CardMarkdown.Shown(await SayAsync(text, Admin))); // the month is echoed literally
        Assert.Empty(await _bot.Service<RankingAnnouncementStore>().ListAsync());
    }

    [Fact]
    public async Task The_current_month_cannot_be_published_before_it_ends()
    {
        await SubscribeBothAsync();
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var text = await SayAsync($"发布排名 {now:yyyy-MM}", Admin);
        Assert.Contains($"{now.Year}年{now.Month}月还没有结束，不能发布排名", text);
        Assert.DoesNotContain("确认发布", text);
        Assert.Empty(await _bot.Service<RankingAnnouncementStore>().ListAsync());
    }

    [Fact]
    public async Task The_preview_posts_a_text_summary_and_the_group_gets_it_as_message_text()
    {
        await SubscribeBothAsync();
        var published = await _bot.PublishAsync(new RankingPeriod(2023, 3));
        await _bot.WaitForStateAsync(published.Announcement!.Id, AnnouncementState.Completed, Timeout);
        var first = _connector.PostsTo(Group.Id)[0].Activity;
        // What Teams shows in the chat list and the notification instead of "sent a card".
        Assert.StartsWith("宝坻区招商引资情况通报（2023年3月）：已报 44/45", first.Value<string>("text"));
        Assert.Equal(first.Value<string>("text"), first.Value<string>("summary"));
    }

    [Fact]
    public async Task Only_admins_publish_even_when_pressing_a_copied_button()
    {
        await SubscribeBothAsync();
        var user = TestUser.Named("王五");
        Assert.Contains(BotTexts.AdminOnly("发布排名"), await SayAsync("发布排名 2023-03", user));
        var pressed = await Client.ExecuteAsync(RankingCards.ConfirmVerb, new JObject { ["period"] = "2023-03", ["revision"] = 0, ["interview"] = "none" }, user);
        Assert.Contains("只有区合作交流办管理员", pressed.Message);
        Assert.Contains(BotTexts.WrongScope("发布排名", "与 InvestBot 的私聊"), await SayAsync("发布排名 2023-03", Admin, Group));
        foreach (var bad in new JToken[] { new JObject { ["period"] = "2023-03", ["revision"] = "x", ["interview"] = "none" },
                     new JObject { ["period"] = 5, ["revision"] = 0, ["interview"] = "none" },
                     new JObject { ["period"] = "2023-03", ["revision"] = 99999999999, ["interview"] = "none" },
                     new JObject { ["period"] = "2023-03", ["revision"] = 0 }, new JObject { ["period"] = "2023-03", ["revision"] = 0, ["interview"] = "x' or 1" },
                     new JObject() })
            Assert.Contains("数据无效", (await Client.ExecuteAsync(RankingCards.ConfirmVerb, bad, Admin)).Message);
        Assert.Empty(await _bot.Service<RankingAnnouncementStore>().ListAsync());
        Assert.Empty(_connector.Posts);
    }

    [Fact]
    public async Task No_subscribers_means_nothing_to_publish()
    {
        Assert.Contains("还没有群聊或频道订阅通报", await SayAsync("发布排名 2023-03", Admin));
    }

    [Fact]
    public async Task Anyone_asks_for_the_latest_ranking_and_their_unit_privately()
    {
        var user = TestUser.Named("赵六");
        Assert.Contains("还没有发布过排名通报", await SayAsync("排名", user));
        await SubscribeBothAsync();
        var published = await _bot.PublishAsync(new RankingPeriod(2023, 3));
        await _bot.WaitForStateAsync(published.Announcement!.Id, AnnouncementState.Completed, Timeout);

        var latest = await Client.SayAsync("本月排名", user);
        Assert.Contains("宝坻区招商引资情况通报（2023年3月）", BotClient.AllText(latest));
        Assert.Equal(_bot.PartsOf(published.Announcement), latest.SelectMany(BotClient.Cards).Count());

        Assert.Contains("还没有绑定单位", await SayAsync("我单位排名", user));
        await _bot.Service<IUnitBindingStore>().SetAsync(new UnitBinding(user.AadObjectId, user.Name, RankingSamples.UnitId("黄庄镇"), BotApp.AdminAadId, DateTimeOffset.UtcNow));
        var mine = await SayAsync("我单位排名", user);
        Assert.Contains("黄庄镇：2023年3月排名", mine);
        Assert.Contains("未报送", mine);

        // Asked in the group: the answer goes to the personal chat, the group only hears that it was sent.
        var inGroup = await SayAsync("排名", user, Group);
        Assert.Contains("已私信发送", inGroup);
        Assert.DoesNotContain("宝坻区招商引资情况通报", inGroup);
        Assert.Equal(_bot.PartsOf(published.Announcement), _connector.PostsTo(TestConversation.Personal(user).Id).Count); // every card
    }
}
