using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// Issue 21, item 5 (monthly form): amounts written as people write them are saved converted, and the receipt echoes each
/// conversion (“内资到位额：1.5亿 → 15000 万元”) as the target card does; fields typed as plain numbers are not echoed.
/// </summary>
[Trait("Category", "Http")]
public sealed class MonthlyAmountsHttpTests : ReportingBotTestBase
{
    [Fact]
    public async Task The_receipt_echoes_each_converted_amount_and_only_those()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var form = await FormAsync(user);
        var values = TownValues();
        values["m_domesticCapital"] = "1.5亿";
        values["m_foreignCapital"] = "8,000";
        values["m_marketEntities"] = "40";

        var result = await Bot.ExecuteAsync("report.submit", Submission(form, values), user);

        var text = CardMarkdown.Shown(BotClient.CardText(Assert.IsType<JObject>(result.Card))); // what a client shows (typed text is escaped)
        Assert.Contains("✅ 已提交", text);
        Assert.Contains("内资到位额：1.5亿 → 15000 万元", text);
        Assert.Contains("外资到位额：8,000 → 8000 万美元", text);
        Assert.DoesNotContain("新增市场主体：", text); // typed as stored: nothing to echo
        var saved = await Figures.GetAsync(March, Chaoyang);
        Assert.Equal((15000m, 8000m, 40m), (saved!.Values["domesticCapital"], saved.Values["foreignCapital"], saved.Values["marketEntities"]));
    }

    [Fact]
    public async Task A_receipt_of_plain_numbers_has_no_conversion_line()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var form = await FormAsync(user);

        var result = await Bot.ExecuteAsync("report.submit", Submission(form, TownValues()), user);

        var text = CardMarkdown.Shown(BotClient.CardText(Assert.IsType<JObject>(result.Card))); // what a client shows (typed text is escaped)
        Assert.Contains("✅ 已提交", text);
        Assert.DoesNotContain("换算", text);
    }

    [Fact]
    public async Task A_second_press_of_the_same_submit_echoes_the_conversion_again()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var form = await FormAsync(user);
        var values = TownValues();
        values["m_domesticCapital"] = "8000万";
        var submit = Submission(form, values);

        await Bot.ExecuteAsync("report.submit", submit, user);
        var again = await Bot.ExecuteAsync("report.submit", submit, user);

        var text = CardMarkdown.Shown(BotClient.CardText(Assert.IsType<JObject>(again.Card)));
        Assert.Contains("重复提交", text);
        Assert.Contains("内资到位额：8000万 → 8000 万元", text);
        Assert.Equal(1, (await Figures.GetAsync(March, Chaoyang))!.Revision);
    }
}
