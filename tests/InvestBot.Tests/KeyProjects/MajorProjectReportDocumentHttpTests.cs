using System.Net;
using InvestBot.Announcements;
using InvestBot.Common;
using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Ranking;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// The quarterly 通报 as a Word document for filing: the 下载通报（Word） button of the card posted into a subscribed group
/// (a signed link per announcement), through the real adapter and the kernel's download route. The document holds what
/// was published and nothing of the admin-only 督查报告 (the checks' findings, 协调推动组); a correction's link opens the
/// correction; bad, expired and unknown links are refused in Chinese.
/// </summary>
[Trait("Category", "Http")]
public sealed class MajorProjectReportDocumentHttpTests : KeyProjectBotTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TestConversation Group = TestConversation.Group("19:keyprojects-doc-group@thread.v2");
    private const string Finding = "市督查组发现施工许可未按期办理";
    private readonly TestUser _zhang = TestUser.Named("张三");

    protected override TimeProvider Clock { get; } =
        ShiftedTimeProvider.ToDay(TimeProvider.System, new DateOnly(2023, 4, 3), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    /// <summary>A 重大 project with March's progress and problem, an admin-only check finding on it, and a subscribed group.</summary>
    private async Task<KeyProject> MajorProjectAndGroupAsync()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang, "动力电池正极材料项目", "100000");
        await UpdateAsync(_zhang, p, "started", "25000", "供电线路待区电力部门协调");
        p = (await Store.GetAsync(Chaoyang, p.Id))!;
        await Bot.ExecuteAsync(KeyProjectCards.MarkVerb, new MarkPayload(p.UnitId, p.Id, p.Revision, "major").ToData(), TestUser.Admin);
        var form = (await Bot.ExecuteAsync(KeyProjectCards.FindingOpenVerb, Ref(p), TestUser.Admin)).Card!;
        await Bot.ExecuteAsync(KeyProjectCards.FindingVerb, Submission(form, KeyProjectCards.FindingVerb, new Dictionary<string, string>
        {
            [ProjectFields.FindingSource] = CheckFinding.Superior, [ProjectFields.FindingText] = Finding,
        }), TestUser.Admin);
        await Bot.InstallAsync(Group, TestUser.Admin);
        Assert.Contains("已订阅", await SayAsync("订阅通报", TestUser.Admin, Group));
        return (await Store.GetAsync(Chaoyang, p.Id))!;
    }

    /// <summary>发布项目通报 or 更正项目通报 → 确认发布; returns the cards posted into the group for it.</summary>
    private async Task<List<JObject>> PublishAsync(string command, string expectedTitle)
    {
        var confirm = (await Bot.SayAsync($"{command} 2023Q1", TestUser.Admin)).SelectMany(BotClient.Cards).Last();
        await Bot.ExecuteAsync(MajorProjectReportCards.ConfirmVerb, ActionOf(confirm, MajorProjectReportCards.ConfirmVerb)["data"]!, TestUser.Admin);
        await Connector.WaitForAsync(Group.Id, a => BotClient.AllText([a]).Contains(expectedTitle), Timeout);
        return Connector.PostsTo(Group.Id).Select(p => p.Activity).Where(a => BotClient.AllText([a.ToObject<Microsoft.Bot.Schema.Activity>()!]).Contains(expectedTitle))
            .SelectMany(a => a.SelectTokens("attachments[*].content").Select(c => c is JObject o ? o : JObject.Parse(c.ToString()))).ToList();
    }

    private static List<string> ButtonUrls(JObject card) =>
        card.SelectTokens("$..actions[?(@.type == 'Action.OpenUrl')]").Where(a => a.Value<string>("title") == KeyProjectTexts.DownloadReport)
            .Select(a => a.Value<string>("url")!).ToList();

    private async Task<HttpResponseMessage> GetAsync(string url) => await App.CreateClient().GetAsync(new Uri(url, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } u ? u.PathAndQuery : url);

    private static async Task<(HttpStatusCode, string)> StatusAndTextAsync(HttpResponseMessage r) => (r.StatusCode, await r.Content.ReadAsStringAsync());

    [Fact]
    public async Task The_group_card_downloads_the_published_report_as_word_without_the_admin_only_findings()
    {
        var p = await MajorProjectAndGroupAsync();
        var cards = await PublishAsync("发布项目通报", "2023年第一季度重大招商项目推进情况通报");

        // The button is on the last card only, and every card stays under Teams' limit with it.
        Assert.All(cards, c => Assert.True(Card.Size(c) <= Card.MaxBytes, $"card is {Card.Size(c)} bytes"));
        Assert.All(cards.SkipLast(1), c => Assert.Empty(ButtonUrls(c)));
        var url = Assert.Single(ButtonUrls(cards[^1]));
        Assert.Contains("/api/keyprojects/report/kp-2023Q1.r0.docx?exp=", url);

        // A later change to March's progress does not change what was published.
        await UpdateAsync(_zhang, p, "started", "30000", "供电线路已协调完毕");
        var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("重大招商项目推进情况通报-2023Q1.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var word = RankingBulletinTests.ReadWord(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", word.Paragraphs.Concat(word.Tables.SelectMany(t => t.SelectMany(r => r))));

        Assert.Equal("宝坻区重大招商项目推进情况通报（2023年第一季度）", word.Paragraphs[0]);
        Assert.Equal("区合作交流办　　2023年4月3日", word.Paragraphs[1]);
        Assert.Contains(word.Paragraphs, t => t.Contains("根据（二十六）“每季度通报重大招商项目推进情况”的要求") && t.Contains("2023年第一季度"));
        Assert.Contains("全区在库重大招商项目 1 个", text);
        Assert.Contains("潮阳街道“动力电池正极材料项目”：供电线路待区电力部门协调（2023年3月报送）", text);
        Assert.Contains("累计到位 25000 万元", text);
        var annex = word.Tables.Single(t => t[0].Contains("项目名称"));
        Assert.Equal(["开工", "潮阳街道", "动力电池正极材料项目"], annex[1].Take(3));
        // Only what the announcement published: no check findings, no 协调推动组, nothing entered after publication.
        Assert.DoesNotContain(Finding, text);
        Assert.DoesNotContain("检查发现", text);
        Assert.DoesNotContain("协调推动组", text);
        Assert.DoesNotContain("供电线路已协调完毕", text);
        Assert.DoesNotContain("30000", text);
        Assert.DoesNotContain(KeyProjectTexts.CorrectionMark, text);

        // The signature covers the announcement: the same link on another quarter is refused in Chinese.
        Assert.Equal((HttpStatusCode.Forbidden, KeyProjectTexts.ReportLinkInvalid), await StatusAndTextAsync(await GetAsync(url.Replace("2023Q1", "2022Q4"))));
    }

    [Fact]
    public async Task A_tampered_link_is_refused_an_expired_one_says_how_to_get_another_and_an_unknown_or_unreadable_report_is_404()
    {
        await MajorProjectAndGroupAsync();
        var cards = await PublishAsync("发布项目通报", "2023年第一季度重大招商项目推进情况通报");
        var url = Assert.Single(ButtonUrls(cards[^1]));
        var links = App.Service<AnnouncementDocumentLinks>();
        var store = App.Service<AnnouncementStore>();

        var tampered = await GetAsync(url[..^3] + (url[^3] == 'A' ? "BBB" : "AAA"));
        Assert.Equal((HttpStatusCode.Forbidden, KeyProjectTexts.ReportLinkInvalid), await StatusAndTextAsync(tampered));
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(url.Replace("exp=", "exp=9"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("/api/keyprojects/report/..%2F..%2Fsecrets?exp=1&sig=x")).StatusCode);

        // Published long ago: its card's link has expired, and says who gives a new one (90 days, 区合作交流办设定).
        var published = (await store.GetRecordAsync("kp-2023Q1.r0"))!;
        var old = published with { Id = "kp-2022Q2.r0", PublishedAt = published.PublishedAt.AddDays(-91) };
        Assert.True(await store.TryCreateAsync(old));
        var expired = await GetAsync((await links.ForCardAsync(old, default))!);
        Assert.Equal((HttpStatusCode.Gone, KeyProjectTexts.ReportLinkExpired("2022Q2", 90)), await StatusAndTextAsync(expired));
        Assert.Contains("发布项目通报 2022Q2", KeyProjectTexts.ReportLinkExpired("2022Q2", 90));

        // A signed link to a quarter never published, and a stored report whose snapshot cannot be read: 404 in Chinese, no 500.
        var (missingUrl, _) = await links.ForAdminAsync(published with { Id = "kp-2021Q1.r0" }, "docx", default);
        Assert.Equal((HttpStatusCode.NotFound, KeyProjectTexts.ReportMissing), await StatusAndTextAsync(await GetAsync(missingUrl)));
        var unreadable = published with { Id = "kp-2021Q2.r0", Snapshot = "{\"QuarterKey\":" };
        Assert.True(await store.TryCreateAsync(unreadable));
        Assert.Equal((HttpStatusCode.NotFound, KeyProjectTexts.ReportMissing),
            await StatusAndTextAsync(await GetAsync((await links.ForCardAsync(unreadable, default))!)));
        Assert.Null(await App.Service<MajorProjectReportCards>().RenderAsync(unreadable, default));

        // A report stored before its cards had a button (the same snapshot) still renders, now with its own link, and downloads.
        var earlier = published with { Id = "kp-2022Q4.r0" };
        Assert.True(await store.TryCreateAsync(earlier));
        var rendered = (await App.Service<MajorProjectReportCards>().RenderAsync(earlier, default))!;
        var earlierUrl = Assert.Single(ButtonUrls(JObject.Parse(rendered[^1].CardJson!)));
        Assert.Contains("kp-2022Q4.r0.docx", earlierUrl);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(earlierUrl)).StatusCode);
    }

    [Fact]
    public async Task A_correction_links_its_own_document_marked_as_a_correction_and_the_admin_gets_a_fresh_link()
    {
        var p = await MajorProjectAndGroupAsync();
        var original = Assert.Single(ButtonUrls((await PublishAsync("发布项目通报", "2023年第一季度重大招商项目推进情况通报"))[^1]));
        await UpdateAsync(_zhang, p, "started", "30000", "供电线路已协调完毕");
        var correction = Assert.Single(ButtonUrls((await PublishAsync("更正项目通报", "（第 1 次更正）"))[^1]));

        Assert.Contains("kp-2023Q1.r1.docx", correction);
        var response = await GetAsync(correction);
        Assert.Equal("重大招商项目推进情况通报-2023Q1-更正1.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var corrected = RankingBulletinTests.ReadWord(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(KeyProjectTexts.CorrectionMark, corrected.Paragraphs[0]);
        Assert.Equal("宝坻区重大招商项目推进情况通报（2023年第一季度）", corrected.Paragraphs[1]);
        Assert.Contains(KeyProjectTexts.ReportCorrectionNote("2023年第一季度", 1), corrected.Paragraphs);
        Assert.Contains(corrected.Paragraphs, t => t.Contains("供电线路已协调完毕"));
        // The original's link still opens the original, unmarked.
        var first = RankingBulletinTests.ReadWord(await (await GetAsync(original)).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(first.Paragraphs, t => t.Contains("更正") || t.Contains("供电线路已协调完毕"));

        // 发布项目通报 for the published quarter: besides “已发布”, a fresh link to its latest 通报 for the admin.
        var replies = await Bot.SayAsync("发布项目通报 2023Q1", TestUser.Admin);
        Assert.Contains("已于", BotClient.AllText(replies));
        var card = Assert.Single(replies.SelectMany(BotClient.Cards));
        Assert.Contains("（第 1 次更正）", BotClient.CardText(card));
        var fresh = Assert.Single(ButtonUrls(card));
        Assert.Contains("kp-2023Q1.r1.docx", fresh);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(fresh)).StatusCode);
        var member = await SayAsync("发布项目通报 2023Q1", _zhang);
        Assert.DoesNotContain(KeyProjectTexts.DownloadReport, member);
    }
}
