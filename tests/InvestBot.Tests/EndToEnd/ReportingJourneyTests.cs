using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InvestBot.Tests.EndToEnd;

/// <summary>Monthly figures in the Playground: bind, fill the form, see the receipt, see the unit as submitted.</summary>
[Trait("Category", "E2E")]
public sealed class ReportingJourneyTests(ChromiumFixture chromium) : PlaygroundTest(chromium)
{
    // Keep last month's window open whatever day the suite runs (the window end is clamped to the month's length).
    protected override IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>
    {
        ["InvestBot__Reporting__WindowEndDay"] = "31",
    };

    [Fact]
    public Task A_bound_user_submits_the_form_gets_a_receipt_and_the_admin_sees_the_unit_as_submitted() => InPlaygroundAsync(async ui =>
    {
        await ui.OpenPersonalChatAsync();
        // 王主任 is an admin; an admin binding a unit to themselves is approved at once.
        await ui.SendAndWaitForTextAsync("绑定 潮阳街道", "绑定为 潮阳街道 的填报人");

        var formsBefore = await ui.CardsWith("月度数据填报").CountAsync(); // the help card mentions it too
        var form = await ui.SendAndWaitForCardAsync("填报", "月度数据填报");
        Assert.Contains("潮阳街道", await form.InnerTextAsync());
        await ui.FillAllCardInputsAsync(form, "2");
        await ui.ClickCardButtonAsync(form, "提交");

        // Action.Execute: the receipt replaces the form in place.
        var receipt = await ui.WaitForCardAsync("✅ 已提交");
        Assert.Contains("潮阳街道", await receipt.InnerTextAsync());
        await Expect(ui.CardsWith("月度数据填报")).ToHaveCountAsync(formsBefore);

        var status = await ui.SendAndWaitForCardAsync("填报情况", "填报情况");
        var text = await status.InnerTextAsync();
        Assert.Contains("已报 1 个单位", text);
        Assert.Contains("潮阳街道", text[text.IndexOf("已报（1）", StringComparison.Ordinal)..]);
    });
}
