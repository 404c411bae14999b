using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Ranking;

/// <summary>
/// The end of a quarter through the real adapter and the reporting capability's own reader over stored figures (issue 19):
/// most units report, several towns stay silent, the admin asks for the preview. （二十七）“对于季度、半年、全年排名后三位的
/// 单位主官进行约谈” — staying silent is no way out of it; （二十六） makes 区纪委监委 and 区委督查室 the ones who supervise, so
/// they are never on the list; （二十八）'s targets are “每组每年”, so in September no group is 未达标.
/// </summary>
[Trait("Category", "Http")]
public sealed class QuarterEndJourneyHttpTests : IAsyncLifetime
{
    private static readonly TestConversation Group = TestConversation.Group("19:quarter-end@thread.v2");
    private static readonly string[] Supervising = ["区纪委监委", "区委督查室", "区委组织部"];
    private FakeBotConnector _connector = null!;
    private RankingBot _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = await RankingBot.StartAsync(_connector, figures: null);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    /// <summary>Every reporting unit gets targets and figures for January–September of <paramref name="year"/>, except the silent
    /// towns in September. The supervising bodies have figures stored from before they stopped reporting: they stay stored, unread.</summary>
    private async Task SeedAsync(int year, IReadOnlyCollection<string> silentTowns)
    {
        var units = _bot.Service<UnitDirectory>();
        var catalog = _bot.Service<MetricCatalog>();
        var figures = _bot.Service<MonthlyFiguresStore>();
        var targets = _bot.Service<AnnualTargetStore>();
        var seeded = units.Units.Where(u => u.Reports || Supervising.Contains(u.Name)).ToList();
        var i = 0;
        foreach (var unit in seeded)
        {
            i++;
            // A supervising body is a 区直部门 by kind; its old figures are the department's metrics.
            var metrics = catalog.ForKind(unit.Kind).Where(m => m.PartOf is null).ToList();
            await targets.SetAsync(year, unit.Id, metrics.Where(m => m.Id != "teamSize").ToDictionary(m => m.Id, _ => 1000m), "test");
            for (var month = 1; month <= 9; month++)
            {
                if (month == 9 && silentTowns.Contains(unit.Name)) continue;
                // Supervising bodies get the lowest figures: if they were ranked they would be summoned.
                var v = Supervising.Contains(unit.Name) ? 0m : 20 + (i * 37 + month * 11) % 80;
                var values = metrics.ToDictionary(m => m.Id, m => m.Id == "teamSize" ? 25m : v);
                var outcome = await figures.SaveAsync(new FigureSubmission(unit.Id, new ReportingMonth(year, month), values, 0, "seed", "测试", false));
                Assert.IsType<SaveOutcome.Saved>(outcome);
            }
        }
    }

    private async Task<string> PreviewAsync(string period)
    {
        var replies = await _bot.Client.SayAsync($"发布排名 {period}", TestUser.Admin);
        foreach (var card in replies.SelectMany(BotClient.Cards)) CardSchema.AssertValid(card);
        return BotClient.AllText(replies);
    }

    [Fact]
    public async Task Silent_towns_are_summoned_or_left_tied_never_a_supervising_body_and_no_group_fails_before_December()
    {
        await _bot.Client.InstallAsync(Group, TestUser.Admin);
        Assert.Contains("已订阅", BotClient.AllText(await _bot.Client.SayAsync("订阅通报", TestUser.Admin, Group)));

        // Three towns silent in September 2026: ranked last in their category, tied, and they are the three summoned.
        string[] three = ["黄庄镇", "大钟庄镇", "林亭口镇"];
        await SeedAsync(2026, three);
        var text = await PreviewAsync("2026-09");
        // The confirm card's 约谈 fact, and the announcement's headline line.
        var line = text.Split('\n').Single(l => l.StartsWith("3 个单位："));
        foreach (var town in three) Assert.Contains(town, line);
        var headline = text.Split('\n').Single(l => l.StartsWith("⚠ 2026年第三季度末位约谈（3）："));
        foreach (var town in three) Assert.Contains(town, headline);
        foreach (var body in Supervising) Assert.DoesNotContain(body, text);
        // The vertically managed units report but are not ranked or summoned (an office setting).
        Assert.DoesNotContain("区税务局", line);
        // （二十八）'s annual targets: in September no verdict, progress against the year instead.
        Assert.DoesNotContain("未达标", text);
        Assert.Contains("全年进度 75%", text);

        // Eleven towns silent in September 2025: more tied at the bottom than （二十七）'s three — left 并列待定 for the office.
        var eleven = _bot.Service<UnitDirectory>().OfKind(UnitKinds.Town).Take(11).Select(u => u.Name).ToList();
        await SeedAsync(2025, eleven);
        text = await PreviewAsync("2025-09");
        var tied = text.Split('\n').Single(l => l.StartsWith("11 个单位并列末位，不自动列入约谈"));
        foreach (var town in eleven) Assert.Contains(town, tied);
        foreach (var body in Supervising) Assert.DoesNotContain(body, text);
        Assert.DoesNotContain("未达标", text);
    }
}
