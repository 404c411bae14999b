using System.Net;
using System.Text.RegularExpressions;
using InvestBot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// Issue 18, item 7: digits as Chinese input methods type them (２０２３－０３, ２０２３年３月, ２０２３Ｑ１, ８亿) work in every
/// command that takes a month, quarter, year or amount exactly as ASCII digits do, and the download paths answer 4xx.
/// </summary>
[Trait("Category", "Http")]
public sealed partial class FullWidthDigitsHttpTests : ReportingBotTestBase
{
    private static string FullWidth(string text) =>
        string.Concat(text.Select(c => c is >= '0' and <= '9' ? (char)('０' + (c - '0')) : c == '-' ? '－' : c == 'Q' ? 'Ｑ' : c));

    /// <summary>What the user sees, with what differs on every call (link signatures, ids) blanked.</summary>
    private static string Seen(IEnumerable<Activity> replies)
    {
        var list = replies.ToList();
        var text = BotClient.AllText(list) + string.Concat(list.SelectMany(BotClient.Cards).Select(c => c.ToString()));
        return Volatile().Replace(text, "…");
    }

    [GeneratedRegex("(exp|sig)=[^&\"\\s]*|[0-9a-f]{12,}|编号 [^）]*")]
    private static partial Regex Volatile();

    [Theory]
    [InlineData("填报情况 2023-03")]
    [InlineData("填报情况 2023年3月")]
    [InlineData("导出 2023-03")]
    [InlineData("填报 潮阳街道 2023-03")]
    [InlineData("重新开放 潮阳街道 2023-02")]
    [InlineData("发布排名 2023年2月")]
    [InlineData("更正排名 2023-02")]
    [InlineData("年度目标 潮阳街道 2024")]
    [InlineData("目标汇总 2024")]
    [InlineData("期初累计 潮阳街道 2024")]
    [InlineData("重点项目 2023-03")]
    [InlineData("导出项目 2023-03")]
    [InlineData("发布项目通报 2023Q1")]
    [InlineData("督查报告 2023Q1")]
    [InlineData("督查报告 2023年第1季度")]
    public async Task Full_width_digits_answer_as_ascii_digits_do(string command)
    {
        if (command.StartsWith("发布")) await Bot.SayAsync("订阅通报", TestUser.Admin, TestConversation.Group());
        var typed = await Bot.SayAsync(FullWidth(command), TestUser.Admin);
        var ascii = await Bot.SayAsync(command, TestUser.Admin);

        var seen = Seen(typed);
        Assert.DoesNotContain("抱歉", seen);
        Assert.Equal(Seen(ascii), seen);
        Assert.True(Regex.IsMatch(seen, "2023|2024"), seen);
    }

    [Fact]
    public async Task A_reporter_opens_a_month_typed_in_full_width()
    {
        var reporter = TestUser.Named("张三");
        await BindAsync(reporter, Chaoyang);

        var form = await FormAsync(reporter, "填报３月数据");

        Assert.Equal("2023-03", form.SelectToken("actions[0].data.month")!.ToString());
    }

    [Fact]
    public async Task Full_width_figures_in_the_form_are_saved_as_numbers()
    {
        var reporter = TestUser.Named("张三");
        await BindAsync(reporter, Chaoyang);
        var values = TownValues();
        values["m_domesticProjects"] = "１２";
        values["m_domesticCapital"] = "１５００．５";

        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(reporter), values), reporter);

        var saved = await Figures.GetAsync(March, Chaoyang);
        Assert.Equal((12m, 1500.5m), (saved!.Values["domesticProjects"], saved.Values["domesticCapital"]));
    }

    [Fact]
    public async Task A_pasted_targets_table_with_full_width_year_and_amounts_is_imported()
    {
        var text = BotClient.AllText(await Bot.SayAsync("导入目标 ２０２４\n单位,domesticProjects,domesticCapital\n潮阳街道,１２,８亿", TestUser.Admin));

        Assert.Contains("已导入 1 个单位的 2024 年度目标", text);
        var year = await App.Service<InvestBot.Reporting.AnnualTargetStore>().GetYearAsync(2024);
        Assert.Equal((12m, 80000m), (year[Chaoyang]["domesticProjects"], year[Chaoyang]["domesticCapital"]));
    }

    [Theory]
    [InlineData("/api/reporting/export/２０２３-０３")]
    [InlineData("/api/reporting/export/２０２３－０３")]
    [InlineData("/api/reporting/export/٢٠٢٣-٠٣")]
    [InlineData("/api/reporting/export/9999999999-99")]
    [InlineData("/api/keyprojects/ledger/２０２３-０３")]
    [InlineData("/api/keyprojects/supervision/２０２３Ｑ１")]
    [InlineData("/api/keyprojects/supervision/2023Q٣")]
    public async Task A_download_path_with_odd_digits_answers_4xx_never_500(string path)
    {
        using var response = await App.CreateClient().GetAsync(path + "?exp=1&sig=x");

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("text/plain", response.Content.Headers.ContentType?.ToString());
    }
}
