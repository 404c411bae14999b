using Microsoft.Playwright;
using Xunit;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// （二十六） in two Teams clients on one bot: a town's reporter registers a project and records March's progress, the admin
/// marks it 重大 from the monthly overview and publishes the first quarter's report, which arrives in the group chat with
/// 下载通报（Word）: the report as a Word document, downloaded from the card.
/// The bot runs as if it were 2023-04-03 (InvestBot:DemoToday), so March is being checked and the first quarter has ended.
/// The project's name is a markdown link and its problem markdown bold: the Playground's own card renderer shows both as
/// typed (CardText.Literal's escapes), in the reporter's cards and in the report every subscribed group receives.
/// </summary>
[Trait("Category", "E2E")]
public sealed class KeyProjectJourneyTests(ChromiumFixture chromium) : PlaygroundTest(chromium)
{
    private const string Project = "[区政府通知](https://phish.example/x)";
    private const string Problem = "**供电线路**待协调";
    private const string ReportTitle = "2023年第一季度重大招商项目推进情况通报";

    protected override PlaygroundUser CurrentUser => PlaygroundConfig.Reporter;

    protected override IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>
    {
        ["InvestBot__DemoToday"] = "2023-04-03",
        ["InvestBot__Ranking__ScheduleEnabled"] = "false",
        ["InvestBot__Reporting__PublicBaseUrl"] = PlaygroundStack.BotUrlPlaceholder, // 下载通报（Word） leads to this bot
    };

    [Fact]
    public Task A_reporter_registers_and_updates_a_project_and_the_admin_marks_it_major_and_publishes_the_quarterly_report() =>
        InPlaygroundAsync(async reporter =>
    {
        var admin = await OpenClientOfAsync(PlaygroundConfig.Admin);
        await admin.OpenPersonalChatAsync();
        await admin.SendAndWaitForTextAsync($"绑定 潮阳街道 {PlaygroundConfig.Reporter.AadObjectId}", "的填报人");
        await admin.OpenGroupChatAsync();
        await admin.SendAndWaitForTextAsync("订阅通报", "已订阅", mentionBot: true);

        // The reporter registers the project…
        await reporter.OpenPersonalChatAsync();
        // A unit name echoed in a plain-text reply shows as typed too.
        await reporter.SendAndWaitForTextAsync($"绑定 {Project}", $"没有找到单位“{Project}”");
        Assert.Equal(0, await reporter.Page.Locator("a", new() { HasTextString = "区政府通知" }).CountAsync());
        var form = await reporter.SendAndWaitForCardAsync("登记项目", "登记后为待认定项目");
        await reporter.FillCardInputAsync(form, "项目名称", Project);
        await Choose(form, "内资");
        await reporter.FillCardInputAsync(form, "计划总投资（内资万元 / 外资万美元）", "100000");
        await Choose(form, "动力电池产业链");
        await Choose(form, "签约");
        await reporter.FillCardInputAsync(form, "项目联系人", "李经理");
        await reporter.FillCardInputAsync(form, "联系电话", "022-12345678");
        await reporter.ClickCardButtonAsync(form, "登记");
        var registered = await reporter.WaitForCardAsync($"已登记：{Project}");
        Assert.Equal(0, await registered.Locator("a[href*='phish.example']").CountAsync());

        // …and records March's progress from the project's card.
        await reporter.ClickCardButtonAsync(registered, "更新进展");
        var progress = await reporter.WaitForCardAsync("更新项目进展", "2023年3月");
        await Choose(progress, "开工");
        await reporter.FillCardInputAsync(progress, "本月到位投资（万元）", "25000");
        await reporter.FillCardInputAsync(progress, "问题及需协调事项（没有可不填）", Problem);
        await reporter.ClickCardButtonAsync(progress, "提交");
        await reporter.WaitForCardAsync($"已保存“{Project}”2023年3月的进展", "25000 万元", Problem);
        await AssertNoPhishingLinkInCardsAsync(reporter);

        // The admin checks the month, marks the project 重大 and publishes the quarter.
        await admin.OpenPersonalChatAsync();
        var overview = await admin.SendAndWaitForCardAsync("重点项目", "全区项目台账（2023年3月检查）");
        Assert.Contains(Project, await overview.InnerTextAsync());
        await admin.ClickCardButtonAsync(overview, "查看项目");
        var detail = await admin.WaitForCardAsync(Project, "认定为重大");
        Assert.Contains("查看项目", await overview.InnerTextAsync()); // the detail came as a new card; the overview stays
        await admin.ClickCardButtonAsync(detail, "认定为重大");
        await admin.WaitForCardAsync($"已将“{Project}”认定为重大项目");

        var confirm = await admin.SendAndWaitForCardAsync("发布项目通报 2023Q1", "确认发布");
        await admin.ClickCardButtonAsync(confirm, "确认发布");
        await admin.WaitForTextAsync($"{ReportTitle}发布完成");

        await admin.OpenGroupChatAsync();
        var report = await admin.WaitForCardAsync(ReportTitle, Project);
        var text = await report.InnerTextAsync();
        Assert.Contains(Problem, text);
        Assert.Contains("25000 万元", text);
        Assert.Contains($"{Project}（2023年3月）：{Problem}", text);
        Assert.DoesNotContain("\\", text); // the escapes are honoured, not shown
        Assert.Equal(0, await report.Locator("a", new() { HasTextString = "区政府通知" }).CountAsync());
        Assert.Equal(0, await report.Locator("strong, b").CountAsync());
        await AssertNoPhishingLinkInCardsAsync(admin);

        // 下载通报（Word） downloads the 通报 as published, for filing.
        var (url, status) = await admin.ClickAndWaitForOpenedUrlAsync(report, "下载通报（Word）", "/api/keyprojects/report/kp-2023Q1.r0.docx?");
        Assert.Equal(200, status);
        using var http = new HttpClient();
        var word = InvestBot.Tests.Ranking.RankingBulletinTests.ReadWord(await http.GetByteArrayAsync(url));
        Assert.Equal("宝坻区重大招商项目推进情况通报（2023年第一季度）", word.Paragraphs[0]);
        Assert.Contains(word.Paragraphs, p => p.Contains($"“{Project}”：{Problem}"));

        Task Choose(ILocator card, string option) => card.GetByRole(AriaRole.Radio, new() { Name = option, Exact = true }).CheckAsync();
    });

    /// <summary>No card on the page links to the typed address.</summary>
    private static async Task AssertNoPhishingLinkInCardsAsync(PlaygroundPage page)
    {
        var links = page.Cards.Locator("a[href*='phish.example']");
        var found = new List<string>();
        for (var i = 0; i < await links.CountAsync(); i++)
            found.Add(await links.Nth(i).EvaluateAsync<string>("a => (a.closest('[data-tid],[class*=message],[class*=Message]') ?? a.parentElement.parentElement).outerHTML.slice(0, 1500)"));
        Assert.True(found.Count == 0, string.Join("\n----\n", found));
    }
}
