using Xunit;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// An office's first month, from empty data, in three Teams clients (the admin and two town reporters, each their own
/// Agents Playground on one bot): the admin subscribes the group chat, approves both reporters, sets their targets;
/// they report; the admin sees 填报情况 and exports it, publishes, and the group sees the announcement; a reporter
/// looks up their unit's place, and asking for their records in the group answers privately. Every card on the way has
/// one button of each kind it carries clicked (Card.Say, Action.Execute, Action.OpenUrl).
/// </summary>
[Trait("Category", "E2E")]
public sealed class FirstMonthJourneyTests(ChromiumFixture chromium) : PlaygroundTest(chromium)
{
    protected override IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>
    {
        ["InvestBot__Reporting__WindowEndDay"] = "31", // last month stays open whatever day the suite runs
        ["InvestBot__Ranking__ScheduleEnabled"] = "false", // only the admin's 发布排名 publishes here
        ["InvestBot__Reporting__PublicBaseUrl"] = PlaygroundStack.BotUrlPlaceholder, // export links lead to this bot
    };

    [Fact]
    public Task From_empty_data_through_the_first_month() => InPlaygroundAsync(async admin =>
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var lastMonth = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).AddMonths(-1);
        var period = $"{lastMonth:yyyy-MM}";
        var monthLabel = $"{lastMonth.Year}年{lastMonth.Month}月";

        // The admin's 1:1 chat becomes known when they first write; then the group subscribes.
        await admin.OpenPersonalChatAsync();
        await admin.SendAndWaitForCardAsync("帮助", "InvestBot 使用帮助");
        await admin.OpenGroupChatAsync();
        await admin.SendAndWaitForTextAsync("订阅通报", "已订阅", mentionBot: true);
        await admin.OpenPersonalChatAsync();

        // Two reporters ask to report for their towns; the admin approves each on the card in their own chat.
        var first = await OpenClientOfAsync(PlaygroundConfig.Reporter);
        var second = await OpenClientOfAsync(PlaygroundConfig.SecondReporter);
        foreach (var (reporter, who, town) in new[] { (first, PlaygroundConfig.Reporter, "潮阳街道"), (second, PlaygroundConfig.SecondReporter, "宝平街道") })
        {
            await reporter.OpenPersonalChatAsync();
            await reporter.SendAndWaitForTextAsync($"绑定 {town}", "等待区合作交流办管理员审批");
            var request = await admin.WaitForCardAsync("填报人绑定申请", who.Name, town);
            await admin.ClickAndWaitForCardAsync(request, "批准", $"已将 {who.Name} 绑定为 {town} 的填报人");
            await reporter.WaitForTextAsync($"您已被绑定为 {town} 的填报人");
        }

        // The same targets for both towns, so their figures decide the order; the saved card leads to the summary.
        foreach (var town in new[] { "潮阳街道", "宝平街道" })
        {
            var targets = await admin.SendAndWaitForCardAsync($"年度目标 {town} {lastMonth.Year}", $"{lastMonth.Year}年度目标：{town}");
            await admin.FillAllCardInputsAsync(targets, "100");
            await admin.ClickCardButtonAsync(targets, "保存目标");
            var saved = await admin.WaitForCardAsync($"已保存 {town} {lastMonth.Year}年度目标");
            if (town == "宝平街道")
                await admin.ClickAndWaitForCardAsync(saved, "目标汇总", $"{lastMonth.Year}年度目标汇总");
        }

        // Each reporter fills the form (提交 replaces it with the receipt). The first corrects it (修改 on the receipt
        // reopens the form in place), looks at the unit's records from the receipt, and goes back to the form from there.
        foreach (var (reporter, town, value) in new[] { (first, "潮阳街道", "3"), (second, "宝平街道", "5") })
        {
            var form = await reporter.SendAndWaitForCardAsync("填报", "月度数据填报");
            Assert.Contains(town, await form.InnerTextAsync());
            await reporter.FillAllCardInputsAsync(form, value);
            var receipt = await reporter.ClickAndWaitForCardAsync(form, "提交", "✅ 已提交");
            if (reporter != first) continue;
            var reopened = await reporter.ClickAndWaitForCardAsync(receipt, "修改", "月度数据填报");
            await reporter.FillAllCardInputsAsync(reopened, value);
            var corrected = await reporter.ClickAndWaitForCardAsync(reopened, "提交", "✅ 已提交");
            var records = await reporter.ClickAndWaitForCardAsync(corrected, "我的填报", $"{town} {lastMonth.Year}年填报记录");
            Assert.Contains("第 2 版", await records.InnerTextAsync());
            await reporter.ClickAndWaitForCardAsync(records, "填报", "月度数据填报");
        }

        // The admin sees both towns reported and downloads the month's workbook.
        var status = await admin.SendAndWaitForCardAsync("填报情况", $"{monthLabel}填报情况");
        Assert.Contains("已报 2 个单位", await status.InnerTextAsync());
        var export = await admin.ClickAndWaitForCardAsync(status, "导出 Excel", $"{monthLabel}数据导出");
        var (url, fetched) = await admin.ClickAndWaitForOpenedUrlAsync(export, "下载 Excel", $"/{period}?");
        Assert.True(fetched == 200, $"the export link {url} answered {fetched}");

        // Publishing: a private preview, 确认发布 (the card turns into the progress), the admin told when it is done.
        var confirm = await admin.SendAndWaitForCardAsync($"发布排名 {period}", "确认发布");
        var progress = await admin.ClickAndWaitForCardAsync(confirm, "确认发布", "刷新进度");
        await admin.WaitForTextAsync("通报发布完成");
        await admin.ClickCardButtonAsync(progress, "刷新进度");
        await admin.WaitForCardAsync("发布完成：", "已送达");

        // The group sees the announcement, the towns ranked by their figures (5 > 3).
        await admin.OpenGroupChatAsync();
        var announcement = await (await admin.WaitForCardAsync($"宝坻区招商引资情况通报（{monthLabel}）", "宝平街道", "潮阳街道")).InnerTextAsync();
        Assert.True(announcement.IndexOf("宝平街道", StringComparison.Ordinal) < announcement.IndexOf("潮阳街道", StringComparison.Ordinal),
            "宝平街道 (5) must rank before 潮阳街道 (3):\n" + announcement);

        // A reporter looks up their unit's place, then the whole ranking from that card.
        var place = await first.SendAndWaitForCardAsync("我单位排名", $"潮阳街道：{monthLabel}排名");
        await first.ClickAndWaitForCardAsync(place, "查看完整排名", $"宝坻区招商引资情况通报（{monthLabel}）");

        // Asked in the group, a unit's records go to the asker's personal chat; the group only hears that.
        await first.OpenGroupChatAsync();
        await first.SendAndWaitForTextAsync("我的填报", $"已私信发送给 {PlaygroundConfig.Reporter.Name}", mentionBot: true);
        Assert.Equal(0, await first.CardsWith($"潮阳街道 {lastMonth.Year}年填报记录").CountAsync());
        await first.OpenPersonalChatAsync();
        await first.WaitForCardAsync($"潮阳街道 {lastMonth.Year}年填报记录", monthLabel);
    });
}
