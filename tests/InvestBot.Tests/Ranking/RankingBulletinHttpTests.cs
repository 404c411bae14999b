using System.Globalization;
using System.Net;
using InvestBot.Ranking;
using InvestBot.Ranking.Bot;
using InvestBot.Announcements;
using InvestBot.Tests.Infrastructure;
using MiniExcelLibs;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Ranking;

/// <summary>
/// Where people get the 通报表: the 下载通报表 button of the card posted into a subscribed group (a signed link per
/// announcement, valid 90 days from publication), and an admin's 导出通报表. A tampered link is refused, an expired one
/// says so in Chinese, and a download after later submissions still shows the published figures.
/// </summary>
[Trait("Category", "Http")]
public sealed class RankingBulletinHttpTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TestConversation Group = TestConversation.Group("19:bulletin-group@thread.v2");
    private readonly ShiftedTime _time = new(new DateTimeOffset(2023, 4, 6, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly FakeFiguresReader _figures = RankingSamples.Figures(3);
    private FakeBotConnector _connector = null!;
    private RankingBot _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = await RankingBot.StartAsync(_connector, _figures, time: _time);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<Announcement> PublishToGroupAsync()
    {
        await _bot.Client.InstallAsync(Group, TestUser.Admin);
        Assert.Contains("已订阅", BotClient.AllText(await _bot.Client.SayAsync("订阅通报", TestUser.Admin, Group)));
        var outcome = await _bot.PublishAsync(new RankingPeriod(2023, 3));
        return await _bot.WaitForStateAsync(outcome.Announcement!.Id, AnnouncementState.Completed, Timeout);
    }

    private static string ButtonUrl(JObject activity, string title) =>
        activity.SelectTokens("$..actions[?(@.type == 'Action.OpenUrl')]").Single(a => a.Value<string>("title") == title).Value<string>("url")!;

    private async Task<HttpResponseMessage> GetAsync(string url) => await _bot.App.CreateClient().GetAsync(new Uri(url).PathAndQuery);

    [Fact]
    public async Task The_group_card_downloads_the_published_bulletin_even_after_later_submissions()
    {
        var a = await PublishToGroupAsync();
        var card = _connector.PostsTo(Group.Id)[0].Activity;
        var url = ButtonUrl(card, RankingTexts.DownloadBulletin);
        Assert.Contains("/api/ranking/bulletin/2023-03.r0.docx?exp=", url);

        // A unit resubmits March with far higher figures after publication: today's ranking would differ.
        var top = a.Ranking.Categories[0].RankedUnits.Last();
        var metrics = RankingSamples.Catalog.ForKind(RankingSamples.Units.FindById(top.UnitId)!.Kind)
            .Where(m => m.PartOf is null && m.Id != "teamSize").Select(m => (m.Id, 5000m)).ToArray();
        _figures.Submit(top.UnitId, 2023, 3, metrics);
        var today = await _bot.Service<RankingService>().ComputeAsync(new RankingPeriod(2023, 3));
        Assert.NotEqual(top.UnitName, today.Categories[0].RankedUnits.Last().UnitName);

        var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("招商引资情况通报表-2023-03.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var word = RankingBulletinTests.ReadWord(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("宝坻区招商引资情况通报表（2023年3月）", word.Paragraphs[0]);
        var annex = word.Tables.First(t => t[0].Count > 4 && t[0][4] == "项目");
        var units = annex.Skip(1).Where(r => r[4] == "当月").Select(r => r[1].Split('\n')[0]).ToList();
        Assert.Equal(a.Ranking.Categories[0].RankedUnits.Select(u => u.UnitName), units);
        Assert.Equal(top.UnitName, units[^1]); // still last, as published
        Assert.Equal(top.Score!.Value.ToString("0.00", CultureInfo.InvariantCulture), annex.Skip(1).Where(r => r[4] == "当月").Last()[2]);

        // The link grants that document only: the same signature on another announcement or format is refused.
        var other = await GetAsync(url.Replace("2023-03.r0.docx", "2023-03.r0.xlsx"));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var otherMonth = await GetAsync(url.Replace("2023-03.r0", "2023-02.r0"));
        Assert.Equal(HttpStatusCode.Forbidden, otherMonth.StatusCode);
    }

    [Fact]
    public async Task A_tampered_link_is_refused_and_an_expired_one_says_so_in_chinese()
    {
        await PublishToGroupAsync();
        var url = ButtonUrl(_connector.PostsTo(Group.Id)[0].Activity, RankingTexts.DownloadBulletin);

        var tampered = await GetAsync(url[..^3] + (url[^3] == 'A' ? "BBB" : "AAA"));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(RankingTexts.BulletinLinkInvalid, await tampered.Content.ReadAsStringAsync());
        var longer = await GetAsync(url.Replace("exp=", "exp=9"));
        Assert.Equal(HttpStatusCode.Forbidden, longer.StatusCode);
        var garbage = await GetAsync("/api/ranking/bulletin/..%2F..%2Fsecrets?exp=1&sig=x");
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("下载链接无效", await garbage.Content.ReadAsStringAsync());

        // Day 89 still works; after 90 days the link says it has expired, in Chinese, not a 500.
        _time.Set(new DateTimeOffset(2023, 7, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url)).StatusCode);
        _time.Set(new DateTimeOffset(2023, 7, 6, 9, 1, 0, TimeSpan.FromHours(8)));
        var expired = await GetAsync(url);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", expired.Content.Headers.ContentType!.ToString());
        Assert.Equal(RankingTexts.BulletinLinkExpired("2023-03.r0"), await expired.Content.ReadAsStringAsync());
        Assert.Contains("导出通报表 2023-03", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_admin_exports_both_formats_privately_with_full_width_digits_and_others_may_not()
    {
        var none = BotClient.AllText(await _bot.Client.SayAsync("导出通报表 2023-03", TestUser.Admin));
        Assert.Contains("尚未发布", none);
        await PublishToGroupAsync();

        var replies = await _bot.Client.SayAsync("导出通报表 ２０２３－０３", TestUser.Admin);
        var card = replies.SelectMany(BotClient.Cards).Single();
        CardSchema.AssertValid(card);
        Assert.Contains("2023年3月招商引资情况通报表", BotClient.CardText(card));
        var word = await GetAsync(ButtonUrl(card, "下载 Word"));
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        Assert.Equal("宝坻区招商引资情况通报表（2023年3月）", RankingBulletinTests.ReadWord(await word.Content.ReadAsByteArrayAsync()).Paragraphs[0]);
        var book = await GetAsync(ButtonUrl(card, "下载 Excel"));
        Assert.Equal(HttpStatusCode.OK, book.StatusCode);
        var rows = new MemoryStream(await book.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true, sheetName: "通报", excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("宝坻区招商引资情况通报表（2023年3月）", rows[0]["内容"]);

        // In a group the admin's answer goes to the personal chat; a member who is not an admin is refused.
        var inGroup = BotClient.AllText(await _bot.Client.SayAsync("导出通报表 2023-03", TestUser.Admin, Group));
        Assert.Contains("私信", inGroup);
        var member = BotClient.AllText(await _bot.Client.SayAsync("导出通报表 2023-03", TestUser.Named("王五")));
        Assert.DoesNotContain("下载 Word", member);
        Assert.Contains("管理员", member);
    }
}
