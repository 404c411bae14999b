using Xunit;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// The monthly announcement in the Playground: the admin subscribes the group chat and the team channel,
/// figures are submitted for several units through the form, the admin publishes, and the ranking card
/// arrives in both conversations through the bot's proactive delivery.
/// </summary>
[Trait("Category", "E2E")]
public sealed class RankingJourneyTests(ChromiumFixture chromium) : PlaygroundTest(chromium)
{
    private const int PhoneWidth = 360;

    protected override IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>
    {
        ["InvestBot__DemoToday"] = "2026-12-07", // a fixed day: November is last month, October the month before
        ["InvestBot__Reporting__WindowEndDay"] = "31", // November stays open on that day
        ["InvestBot__Ranking__ScheduleEnabled"] = "false", // only the admin's 发布排名 publishes here
        ["InvestBot__Reporting__PublicBaseUrl"] = PlaygroundStack.BotUrlPlaceholder, // 下载通报表 leads to this bot
    };

    [Fact]
    public Task The_published_ranking_arrives_in_the_subscribed_group_chat_and_channel() => InPlaygroundAsync(async ui =>
    {
        var lastMonth = new DateTime(2026, 11, 1);
        var period = $"{lastMonth:yyyy-MM}";
        var title = $"宝坻区招商引资情况通报（{lastMonth.Year}年{lastMonth.Month}月）";

        await ui.OpenGroupChatAsync();
        await ui.SendAndWaitForTextAsync("订阅通报", "已订阅", mentionBot: true);
        await ui.OpenChannelAsync();
        await ui.SendAndWaitForTextAsync("订阅通报", "已订阅", mentionBot: true);

        await ui.OpenPersonalChatAsync();
        // The same annual targets for all three towns, so the figures below (5 > 3 > 1) decide the order.
        foreach (var unit in new[] { "宝平街道", "潮阳街道", "大口屯镇" })
        {
            var targets = await ui.SendAndWaitForCardAsync($"年度目标 {unit} {lastMonth.Year}", $"{lastMonth.Year}年度目标：{unit}");
            await ui.FillAllCardInputsAsync(targets, "100");
            await ui.ClickCardButtonAsync(targets, "保存目标");
            await ui.WaitForCardAsync($"已保存 {unit} {lastMonth.Year}年度目标");
        }
        // October first, in the opposite order (its window closed on the day: reopened), so that November's
        // announcement compares with a month people saw: the 较上月 column.
        await ui.SendAndWaitForTextAsync("重新开放 全部 2026-10", "重新开放2026年10月的填报");
        await SubmitAndPublishAsync(ui, lastMonth.AddMonths(-1), [("宝平街道", "1"), ("潮阳街道", "2"), ("大口屯镇", "3")]);
        // November: year to date 10 > 7 > 4.
        await SubmitAndPublishAsync(ui, lastMonth, [("宝平街道", "9"), ("潮阳街道", "5"), ("大口屯镇", "1")]);

        // The announcement may span several cards (one table per category); the towns' table names all three.
        await ui.OpenGroupChatAsync();
        var inGroup = await (await ui.WaitForCardAsync(title, "宝平街道", "潮阳街道", "大口屯镇")).InnerTextAsync();
        var order = new[] { "宝平街道", "潮阳街道", "大口屯镇" }.Select(u => inGroup.IndexOf(u, StringComparison.Ordinal)).ToList();
        Assert.True(order[0] < order[1] && order[1] < order[2], "the towns must be ranked by their year-to-date score (10 > 7 > 4):\n" + inGroup);
        Assert.Contains("较上月", inGroup);
        Assert.Contains("↑", inGroup); // 宝平街道 rose from third
        Assert.Contains("↓", inGroup); // 大口屯镇 fell from first
        await ui.OpenChannelAsync();
        await ui.WaitForCardAsync(title, "宝平街道", "潮阳街道", "大口屯镇");

        // The chart of the towns' scores: drawn where the client can, else its fallback line (the Playground's case is recorded).
        await ui.OpenGroupChatAsync();
        var card = await ui.WaitForCardAsync(title, "宝平街道");
        var text = await card.InnerTextAsync();
        // A drawn bar chart lists its bars' labels one per line ("1.宝平街道"); the 前三 line has them on one line.
        var drawsCharts = text.Split('\n').Any(l => l.Trim() == "1.宝平街道") && text.Split('\n').Any(l => l.Trim() == "3.大口屯镇");
        Assert.True(drawsCharts || text.Contains("街镇得分见下表。", StringComparison.Ordinal), "neither the chart nor its fallback is shown:\n" + text);
        Console.WriteLine($"Agents Playground shows the announcement's charts as {(drawsCharts ? "charts" : "their fallback text")}");

        // On a phone: the four-column table (名次, 单位, 得分, 较上月) stays inside the card.
        var picture = Path.Combine(AppContext.BaseDirectory, "e2e-phone-announcement-compared.png");
        var clipped = await ui.ClippedAtWidthAsync(card, PhoneWidth, picture);
        Assert.True(clipped.Count == 0, $"the announcement at {PhoneWidth} px: {clipped.Count} parts do not fit:\n" + string.Join("\n", clipped.Take(20)));

        // 下载通报表 downloads the Word document of this announcement, built from what was published.
        var (url, status) = await ui.ClickAndWaitForOpenedUrlAsync(card, "下载通报表", $"/api/ranking/bulletin/{period}.r0.docx?");
        Assert.Equal(200, status);
        using var http = new HttpClient();
        var word = InvestBot.Tests.Ranking.RankingBulletinTests.ReadWord(await http.GetByteArrayAsync(url));
        Assert.Equal($"宝坻区招商引资情况通报表（{lastMonth.Year}年{lastMonth.Month}月）", word.Paragraphs[0]);
        var towns = word.Tables.First(t => t[0].Count > 4 && t[0][4] == "项目").Skip(1).Where(r => r[4] == "当月").Select(r => r[1]).ToList();
        // The three that reported, in rank order; the silent towns follow them, ranked last (issue 19).
        Assert.Equal(["宝平街道", "潮阳街道", "大口屯镇"], towns.Take(3));
        Assert.True(towns.Count > 3, string.Join("、", towns));
    });

    /// <summary>Each unit's figures for the month through the form (every field the same value), then 发布排名 and 确认发布.</summary>
    private static async Task SubmitAndPublishAsync(PlaygroundPage ui, DateTime month, (string Unit, string Value)[] figures)
    {
        var period = $"{month:yyyy-MM}";
        foreach (var (unit, value) in figures)
        {
            var form = await ui.SendAndWaitForCardAsync($"填报 {unit} {period}", "月度数据填报");
            Assert.Contains(unit, await form.InnerTextAsync());
            await ui.FillAllCardInputsAsync(form, value);
            await ui.ClickCardButtonAsync(form, "提交");
            await ui.WaitForCardAsync($"{unit} {month.Year}年{month.Month}月数据已保存");
        }
        var confirm = await ui.SendAndWaitForCardAsync($"发布排名 {period}", $"确认发布：{month.Year}年{month.Month}月通报");
        await ui.ClickAndWaitForTextAsync(confirm, "确认发布", "发布完成：已送达"); // progress reported back to the admin
    }
}
