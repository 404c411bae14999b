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
    protected override IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>
    {
        ["InvestBot__Reporting__WindowEndDay"] = "31", // last month stays open whatever day the suite runs
        ["InvestBot__Ranking__ScheduleEnabled"] = "false", // only the admin's 发布排名 publishes here
        ["InvestBot__Reporting__PublicBaseUrl"] = PlaygroundStack.BotUrlPlaceholder, // 下载通报表 leads to this bot
    };

    [Fact]
    public Task The_published_ranking_arrives_in_the_subscribed_group_chat_and_channel() => InPlaygroundAsync(async ui =>
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var lastMonth = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).AddMonths(-1);
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
        foreach (var (unit, value) in new[] { ("宝平街道", "5"), ("潮阳街道", "3"), ("大口屯镇", "1") })
        {
            var form = await ui.SendAndWaitForCardAsync($"填报 {unit} {period}", "月度数据填报");
            Assert.Contains(unit, await form.InnerTextAsync());
            await ui.FillAllCardInputsAsync(form, value);
            await ui.ClickCardButtonAsync(form, "提交");
            await ui.WaitForCardAsync($"{unit} {lastMonth.Year}年{lastMonth.Month}月数据已保存");
        }

        var confirm = await ui.SendAndWaitForCardAsync($"发布排名 {period}", "确认发布");
        await ui.ClickCardButtonAsync(confirm, "确认发布");
        await ui.WaitForTextAsync("发布完成"); // progress reported back to the admin

        // The announcement may span several cards (one table per category); the towns' table names all three.
        await ui.OpenGroupChatAsync();
        var inGroup = await (await ui.WaitForCardAsync(title, "宝平街道", "潮阳街道", "大口屯镇")).InnerTextAsync();
        var order = new[] { "宝平街道", "潮阳街道", "大口屯镇" }.Select(u => inGroup.IndexOf(u, StringComparison.Ordinal)).ToList();
        Assert.True(order[0] < order[1] && order[1] < order[2], "the towns must be ranked by their score (5 > 3 > 1):\n" + inGroup);
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
}
