using InvestBot.Access;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// Changing metrics.json loses nothing already stored (issue 19). （十五）“区领导…每月至少联系所包保的…“链主”企业1次” is a duty
/// of 区领导, so 联系“链主”企业 left the units' forms; a town that had reported it resubmits the month through the real adapter and
/// the stored figure and its target are still there, ready if the office puts the metric back.
/// </summary>
[Trait("Category", "Http")]
public sealed class RetiredMetricsHttpTests
{
    [Fact]
    public async Task A_resubmitted_month_keeps_a_figure_whose_metric_left_the_form_and_the_team_is_named_per_article_8()
    {
        await using var app = await BotApp.StartAsync(services: s => s.AddSingleton<TimeProvider>(TestClock.AtBeijing(2023, 4, 3)));
        var bot = app.Client();
        var user = TestUser.Named("张三");
        const string town = "town-chaoyang";
        var march = new ReportingMonth(2023, 3);
        var store = app.Service<MonthlyFiguresStore>();
        // Stored before the change: March with 4 链主 contacts, and a target for them.
        Assert.IsType<SaveOutcome.Saved>(await store.SaveAsync(new FigureSubmission(town, march,
            new Dictionary<string, decimal> { ["domesticProjects"] = 1, ["chainLeaderContacts"] = 4 }, 0, "old", "旧数据", false)));
        await app.Service<AnnualTargetStore>().SetAsync(2023, town, new Dictionary<string, decimal> { ["chainLeaderContacts"] = 12 }, "old");
        await app.Service<IUnitBindingStore>().SetAsync(new UnitBinding(user.AadObjectId, user.Name, town, "test", DateTimeOffset.UtcNow));

        var form = Assert.Single((await bot.SayAsync("填报 2023-03", user)).SelectMany(BotClient.Cards));
        var text = BotClient.CardText(form);
        Assert.DoesNotContain("链主", text);
        Assert.Contains("专业招商队伍人数", text); // （八）各街镇“专业招商队伍”
        var data = (JObject)form.SelectToken("actions[0].data")!.DeepClone();
        foreach (var (k, v) in new Dictionary<string, string>
                 {
                     ["m_domesticProjects"] = "3", ["m_domesticProjects10m"] = "1", ["m_domesticProjects100m"] = "0",
                     ["m_domesticCapital"] = "800", ["m_hqEnterprises"] = "2", ["m_foreignEnterprises"] = "0", ["m_foreignCapital"] = "0",
                     ["m_marketEntities"] = "10", ["m_physicalProjects"] = "1", ["m_teamSize"] = "6", ["m_promotionEvents"] = "1",
                 })
            data[k] = v;
        var receipt = await bot.ExecuteAsync("report.submit", data, user);
        Assert.Contains("✅ 已提交", BotClient.CardText(receipt.Card!));

        var saved = (await store.ReadUnitYearAsync(town, 2023)).Months.Single(m => m.Month == march);
        Assert.Equal(3m, saved.Values["domesticProjects"]);   // the form's figures replaced the old ones
        Assert.Equal(4m, saved.Values["chainLeaderContacts"]); // the retired one was kept
        Assert.Equal(12m, (await app.Service<AnnualTargetStore>().GetUnitAsync(2023, town))["chainLeaderContacts"]);
    }

    [Fact]
    public void Only_figures_off_the_form_are_kept_and_the_form_wins_for_the_rest()
    {
        var catalog = MetricCatalog.Load(RepoPaths.SourceData("metrics.json"));
        var onForm = catalog.ForKind("town");
        var kept = RetiredFigures.Keep(new Dictionary<string, decimal> { ["domesticProjects"] = 3 },
            new Dictionary<string, decimal> { ["domesticProjects"] = 1, ["domesticCapital"] = 5, ["chainLeaderContacts"] = 4 }, onForm);
        // domesticCapital is on the form: left empty there, it is not revived from the old row.
        Assert.Equal(new Dictionary<string, decimal> { ["domesticProjects"] = 3, ["chainLeaderContacts"] = 4 }, kept);
    }
}
