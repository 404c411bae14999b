using InvestBot.Access;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// What a form submit costs in Table Storage requests: the reads it needs (binding, the unit's year with ETags, the
/// targets) and one atomic write. A new read or write in the submit path shows up here first.
/// </summary>
[Trait("Category", "Http")]
public sealed class SubmitRoundTripsHttpTests
{
    [Fact]
    public async Task A_submit_reads_three_times_and_writes_once()
    {
        var azurite = await AzuriteServer.Shared;
        var counter = new StorageRequestCounter();
        await using var app = await BotApp.StartAsync(services: s =>
        {
            s.AddSingleton<TimeProvider>(TestClock.AtBeijing(2023, 4, 3));
            counter.Register(s, azurite.ConnectionString);
        });
        var bot = app.Client();
        var user = TestUser.Named("张三");
        await app.Service<IUnitBindingStore>().SetAsync(new UnitBinding(user.AadObjectId, user.Name, "town-chaoyang", "test", DateTimeOffset.UtcNow));
        var card = Assert.Single((await bot.SayAsync("填报", user)).SelectMany(BotClient.Cards));
        var first = await bot.ExecuteAsync("report.submit", Filled(card, "4"), user);
        Assert.Contains("✅ 已提交", BotClient.CardText(first.Card!));

        var edit = await ReopenedForm(bot, first.Card!, user);

        counter.Reset();
        var second = await bot.ExecuteAsync("report.submit", Filled(edit, "5"), user);

        // A correction of March: the receipt's year-to-date counts the new value, not the old one.
        Assert.Contains("✅ 已提交", BotClient.CardText(second.Card!));
        Assert.Contains("本月 5 个；年累计 5 个", BotClient.CardText(second.Card!));
        var requests = counter.Requests;
        Assert.True(requests.Count == 4, "requests: " + string.Join(", ", requests));
        Assert.Single(requests, r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    /// <summary>The receipt's 修改 button: the prefilled form at the saved revision.</summary>
    private static async Task<JObject> ReopenedForm(BotClient bot, JObject receipt, TestUser user)
    {
        var edit = receipt.SelectToken("$..actions[?(@.verb == 'report.open')]")!;
        return (await bot.ExecuteAsync("report.open", edit["data"]!, user)).Card!;
    }

    private static JObject Filled(JObject card, string projects)
    {
        var data = (JObject)card.SelectToken("actions[0].data")!.DeepClone();
        var values = new Dictionary<string, string>
        {
            ["m_domesticProjects"] = projects, ["m_domesticProjects10m"] = "2", ["m_domesticProjects100m"] = "1",
            ["m_domesticCapital"] = "1500.5", ["m_hqEnterprises"] = "3", ["m_foreignEnterprises"] = "0", ["m_foreignCapital"] = "0",
            ["m_marketEntities"] = "40", ["m_physicalProjects"] = "2", ["m_teamSize"] = "6", ["m_promotionEvents"] = "1",
            ["m_chainLeaderContacts"] = "1",
        };
        foreach (var (k, v) in values) data[k] = v;
        return data;
    }
}
