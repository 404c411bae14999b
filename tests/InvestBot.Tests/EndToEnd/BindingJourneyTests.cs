using Xunit;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// Two people, two Teams clients on one bot: a reporter asks to be bound to a unit, the admin approves on the card that
/// arrives in their own chat, the reporter is told and can open the unit's form.
/// </summary>
[Trait("Category", "E2E")]
public sealed class BindingJourneyTests(ChromiumFixture chromium) : PlaygroundTest(chromium)
{
    protected override PlaygroundUser CurrentUser => PlaygroundConfig.Reporter;

    // Keep last month's window open whatever day the suite runs.
    protected override IReadOnlyDictionary<string, string?> BotSettings => new Dictionary<string, string?>
    {
        ["InvestBot__Reporting__WindowEndDay"] = "31",
    };

    [Fact]
    public Task A_reporter_asks_to_be_bound_the_admin_approves_in_their_own_chat_and_the_reporter_can_report() => InPlaygroundAsync(async reporter =>
    {
        // The bot learns the admin's 1:1 chat when the admin first writes to it.
        var admin = await OpenClientOfAsync(PlaygroundConfig.Admin);
        await admin.OpenPersonalChatAsync();
        await admin.SendAndWaitForCardAsync("帮助", "使用帮助");

        await reporter.OpenPersonalChatAsync();
        await reporter.SendAndWaitForTextAsync("绑定 潮阳街道", "等待区合作交流办管理员审批");

        var approval = await admin.WaitForCardAsync("填报人绑定申请", PlaygroundConfig.Reporter.Name, "潮阳街道");
        await admin.ClickCardButtonAsync(approval, "批准");
        await admin.WaitForCardAsync($"已将 {PlaygroundConfig.Reporter.Name} 绑定为 潮阳街道 的填报人", "已通知本人");

        await reporter.WaitForTextAsync("您已被绑定为 潮阳街道 的填报人");
        var form = await reporter.SendAndWaitForCardAsync("填报", "月度数据填报");
        Assert.Contains("潮阳街道", await form.InnerTextAsync());
    });
}
