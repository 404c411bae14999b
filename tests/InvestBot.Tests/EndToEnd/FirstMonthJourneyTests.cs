using Xunit;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// An office's first month, from empty data, started on 7 December 2026 — after November's regular window closed on the
/// 5th — in three Teams clients (the admin and two town reporters, each their own Agents Playground on one bot). The admin
/// imports the reporters' roster, binds a third person by @mention in the group chat, subscribes the group, sets targets;
/// the reporters (bound by the roster the first time they write) report November without any 逾期; reopening every unit
/// takes one command; the admin publishes, and the first ranking reads honestly (no 持平, no 前三 of two units, the
/// coverage named); a correction with nothing changed and an empty quarterly project report are refused. Staff never
/// read a person as an id. The announcement and 填报情况 are drawn at a phone's width with nothing cut off.
/// Every card on the way has one button of each kind it carries clicked (Card.Say, Action.Execute, Action.OpenUrl).
/// </summary>
[Trait("Category", "E2E")]
public sealed class FirstMonthJourneyTests(ChromiumFixture chromium) : PlaygroundTest(chromium)
{
    private const string Period = "2026-11";
    private const string MonthLabel = "2026年11月";
    private const int Year = 2026;

    /// <summary>A phone's screen in CSS pixels, which Teams mobile gives the card nearly all of.</summary>
    private const int PhoneWidth = 360;

    protected override IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>
    {
        ["InvestBot__DemoToday"] = "2026-12-07", // the office's first day; November's regular window closed on the 5th
        ["InvestBot__Reporting__StartMonth"] = Period, // …but November is the office's first month
        ["InvestBot__Ranking__ScheduleEnabled"] = "false", // only the admin's 发布排名 publishes here
        ["InvestBot__Reporting__PublicBaseUrl"] = PlaygroundStack.BotUrlPlaceholder, // export links lead to this bot
    };

    private static PlaygroundUser First => PlaygroundConfig.Reporter;
    private static PlaygroundUser Second => PlaygroundConfig.SecondReporter;
    private static PlaygroundUser Third => PlaygroundConfig.ThirdReporter;

    /// <summary>Staff read people by name: no AAD object id (the mock tenant's are GUID-shaped) in anything shown.</summary>
    private static void NoIds(string shown) => Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", shown);

    [Fact]
    public Task From_empty_data_through_the_first_month() => InPlaygroundAsync(async admin =>
    {
        await admin.OpenPersonalChatAsync();
        await admin.SendAndWaitForCardAsync("帮助", "InvestBot 使用帮助");

        // The roster, typed after the command (the Playground's message box sends one line, as a phone's does): two towns'
        // reporters by sign-in name, and a row that names no unit.
        var roster = await admin.SendAndWaitForCardAsync(
            $"导入填报人 潮阳街道,{First.Name},{First.Mail}；宝平街道,{Second.Name},{Second.Mail}；不存在镇,某人,nobody@baodi.example",
            "填报人名单导入结果");
        var imported = await roster.InnerTextAsync();
        Assert.Contains($"潮阳街道：{First.Name}", imported);
        Assert.Contains($"宝平街道：{Second.Name}", imported);
        Assert.Contains("无法识别", imported);
        NoIds(imported);

        // The group subscribes; in it the admin binds a third person by @mention.
        await admin.OpenGroupChatAsync();
        await admin.SendAndWaitForTextAsync("订阅通报", "已订阅", mentionBot: true);
        await admin.SendAndWaitForTextAsync("绑定 大口屯镇", $"已将 {Third.Name} 绑定为 大口屯镇 的填报人", mentionBot: true, mention: Third);
        await admin.OpenPersonalChatAsync();

        // November is the office's first month: open to every unit until the end of December, so nothing needs reopening;
        // a month that did close is reopened for every unit that has not reported in one command, to the end of a day.
        await admin.SendAndWaitForTextAsync($"重新开放 全部 {Period}", "尚未截止（12月31日截止），无需重新开放");
        await admin.SendAndWaitForTextAsync("重新开放 全部 2025-12", "个单位重新开放2025年12月的填报，至12月10日（含当天）");

        // The same targets for both towns, so their figures decide the order; the saved card leads to the summary.
        foreach (var town in new[] { "潮阳街道", "宝平街道" })
        {
            var targets = await admin.SendAndWaitForCardAsync($"年度目标 {town} {Year}", $"{Year}年度目标：{town}");
            await admin.FillAllCardInputsAsync(targets, "100");
            await admin.ClickCardButtonAsync(targets, "保存目标");
            var saved = await admin.WaitForCardAsync($"已保存 {town} {Year}年度目标");
            if (town == "宝平街道")
                await admin.ClickAndWaitForCardAsync(saved, "目标汇总", $"{Year}年度目标汇总");
        }

        // Each reporter's first words to the bot open the form: the roster bound them when they first wrote. The form,
        // the receipt and the records say nothing of 逾期. The first corrects it (修改 on the receipt reopens the form in
        // place), looks at the unit's records from the receipt, and goes back to the form from there.
        var first = await OpenClientOfAsync(First);
        var second = await OpenClientOfAsync(Second);
        foreach (var (reporter, town, value) in new[] { (first, "潮阳街道", "3"), (second, "宝平街道", "5") })
        {
            await reporter.OpenPersonalChatAsync();
            var form = await reporter.SendAndWaitForCardAsync("填报", "月度数据填报");
            var formText = await form.InnerTextAsync();
            Assert.Contains(town, formText);
            Assert.Contains(MonthLabel, formText);
            Assert.DoesNotContain("逾期", formText);
            await reporter.FillAllCardInputsAsync(form, value);
            var receipt = await reporter.ClickAndWaitForCardAsync(form, "提交", "✅ 已提交");
            Assert.DoesNotContain("逾期", await receipt.InnerTextAsync());
            if (reporter != first) continue;
            var reopened = await reporter.ClickAndWaitForCardAsync(receipt, "修改", "月度数据填报");
            await reporter.FillAllCardInputsAsync(reopened, value);
            var corrected = await reporter.ClickAndWaitForCardAsync(reopened, "提交", "✅ 已提交");
            var records = await reporter.ClickAndWaitForCardAsync(corrected, "我的填报", $"{town} {Year}年填报记录");
            var recordsText = await records.InnerTextAsync();
            Assert.Contains("第 2 版", recordsText);
            Assert.Contains(First.Name, recordsText);
            Assert.DoesNotContain("逾期", recordsText);
            await reporter.ClickAndWaitForCardAsync(records, "填报", "月度数据填报");
        }

        // The bindings and the month's status name every reporter; nobody is late in the first month.
        var bindings = await (await admin.SendAndWaitForCardAsync("绑定列表", "填报人绑定情况")).InnerTextAsync();
        foreach (var person in new[] { First, Second, Third }) Assert.Contains(person.Name, bindings);
        NoIds(bindings);
        var status = await admin.SendAndWaitForCardAsync("填报情况", $"{MonthLabel}填报情况");
        var statusText = await status.InnerTextAsync();
        Assert.Contains("已报 2 个单位", statusText);
        Assert.Contains("12月31日截止", statusText);
        Assert.Contains(First.Name, statusText);
        Assert.DoesNotContain("逾期", statusText);
        NoIds(statusText);
        AssertFitsAPhone(await admin.ClippedAtWidthAsync(status, PhoneWidth, Picture("status")), "填报情况");
        var export = await admin.ClickAndWaitForCardAsync(status, "导出 Excel", $"{MonthLabel}数据导出");
        var (url, fetched) = await admin.ClickAndWaitForOpenedUrlAsync(export, "下载 Excel", $"/{Period}?");
        Assert.True(fetched == 200, $"the export link {url} answered {fetched}");

        // Publishing: a private preview, 确认发布 (the card turns into the progress), the admin told when it is done.
        var confirm = await admin.SendAndWaitForCardAsync($"发布排名 {Period}", "确认发布");
        var progress = await admin.ClickAndWaitForCardAsync(confirm, "确认发布", "刷新进度");
        await admin.WaitForTextAsync("通报发布完成");
        await admin.ClickCardButtonAsync(progress, "刷新进度");
        await admin.WaitForCardAsync("发布完成：", "已送达");

        // Nothing changed since: a correction is refused, with no confirm to press. An empty quarterly report too.
        var cards = await admin.Cards.CountAsync();
        await admin.SendAndWaitForTextAsync($"更正排名 {Period}", "因此不发送更正");
        await admin.SendAndWaitForTextAsync($"发布项目通报 {Year}Q3", "台账中没有重大招商项目");
        Assert.Equal(cards, await admin.Cards.CountAsync());

        // The group sees the first announcement: the towns ranked by their figures (5 > 3), how many of the 街镇 took
        // part named before any 第一, no 前三 of two units, and no 较上月 (nothing to compare with, so no 持平).
        await admin.OpenGroupChatAsync();
        var announcement = await admin.WaitForCardAsync($"宝坻区招商引资情况通报（{MonthLabel}）", "宝平街道", "潮阳街道");
        var published = await announcement.InnerTextAsync();
        Assert.True(published.IndexOf("宝平街道", StringComparison.Ordinal) < published.IndexOf("潮阳街道", StringComparison.Ordinal),
            "宝平街道 (5) must rank before 潮阳街道 (3):\n" + published);
        Assert.Contains("2/24 参加排名", published);
        Assert.Contains("不列前三", published);
        Assert.DoesNotContain("持平", published);
        Assert.DoesNotContain("较上月", published);
        AssertFitsAPhone(await admin.ClippedAtWidthAsync(announcement, PhoneWidth, Picture("announcement")), "通报");

        // A reporter looks up their unit's place, then the whole ranking from that card.
        var place = await first.SendAndWaitForCardAsync("我单位排名", $"潮阳街道：{MonthLabel}排名");
        await first.ClickAndWaitForCardAsync(place, "查看完整排名", $"宝坻区招商引资情况通报（{MonthLabel}）");

        // Asked in the group, a unit's records go to the asker's personal chat; the group only hears that.
        await first.OpenGroupChatAsync();
        await first.SendAndWaitForTextAsync("我的填报", $"已私信发送给 {First.Name}", mentionBot: true);
        Assert.Equal(0, await first.CardsWith($"潮阳街道 {Year}年填报记录").CountAsync());
        await first.OpenPersonalChatAsync();
        await first.WaitForCardAsync($"潮阳街道 {Year}年填报记录", MonthLabel);
    });

    private static string Picture(string card) => Path.Combine(AppContext.BaseDirectory, $"e2e-phone-{card}.png");

    private static void AssertFitsAPhone(IReadOnlyList<string> clipped, string card) =>
        Assert.True(clipped.Count == 0, $"{card} at {PhoneWidth} px: {clipped.Count} parts do not fit:\n" + string.Join("\n", clipped.Take(20)));
}
