using System.Net;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Http")]
public sealed class ExportHttpTests : ReportingBotTestBase
{
    private async Task<string> ExportLinkAsync(string command = "导出 2023-03")
    {
        var card = BotClient.Cards(Assert.Single(await Bot.SayAsync(command, TestUser.Admin))).Single();
        var url = card.SelectToken("actions[0].url")!.ToString();
        Assert.StartsWith("http://localhost:3978/api/reporting/export/", url);
        return new Uri(url).PathAndQuery;
    }

    [Fact]
    public async Task An_admin_gets_a_signed_link_to_a_workbook_of_all_units_figures()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues("4")), user);
        var link = await ExportLinkAsync();

        using var response = await App.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2023-03", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var rows = (await response.Content.ReadAsStreamAsync()).Query(useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object>>().ToList();
        var chaoyang = rows.Single(r => (string)r["单位"] == "潮阳街道");
        Assert.Equal("已报", chaoyang["状态"]);
        Assert.Equal(4d, Convert.ToDouble(chaoyang["内资产业项目（总投资超500万元）（个）"]));
        Assert.Equal(1500.5d, Convert.ToDouble(chaoyang["内资到位额（万元）"]));
        Assert.Equal("未报", rows.Single(r => (string)r["单位"] == "宝平街道")["状态"]);
        Assert.DoesNotContain(rows, r => (string)r["单位"] == "区合作交流办");
    }

    [Fact]
    public async Task A_tampered_or_expired_link_is_refused()
    {
        var link = await ExportLinkAsync();
        var client = App.CreateClient();

        var otherMonth = await client.GetAsync(link.Replace("/2023-03?", "/2023-02?"));
        var badSig = await client.GetAsync(link[..^3] + "AAA");
        var noSig = await client.GetAsync(link.Split('&')[0]);
        Time.AdjustTime(Time.GetUtcNow().AddMinutes(16));
        var expired = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.Forbidden, otherMonth.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, badSig.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noSig.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("已过期", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_link_made_by_one_instance_opens_on_another_without_a_configured_key()
    {
        var link = await ExportLinkAsync();
        await using var other = await BotApp.StartAsync(
            new Dictionary<string, string?> { ["InvestBot:TablePrefix"] = App.TablePrefix }, s => s.AddSingleton<TimeProvider>(Time));
        await using var stranger = await BotApp.StartAsync(); // another deployment: other storage tables, other key

        using var response = await other.CreateClient().GetAsync(link);
        using var refused = await stranger.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Reporters_cannot_export()
    {
        var replies = await Bot.SayAsync("导出 2023-03", TestUser.Named("张三"));

        Assert.Empty(replies.SelectMany(BotClient.Cards));
        Assert.Contains("只有区合作交流办管理员", BotClient.AllText(replies));
    }
}
