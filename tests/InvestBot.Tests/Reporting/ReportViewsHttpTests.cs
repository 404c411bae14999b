using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Reporting;

[Trait("Category", "Http")]
public sealed class ReportViewsHttpTests : ReportingBotTestBase
{
    [Fact]
    public async Task Admins_see_who_submitted_and_who_is_missing()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues()), user);

        var card = BotClient.Cards(Assert.Single(await Bot.SayAsync("填报情况", TestUser.Admin))).Single();

        var text = BotClient.CardText(card);
        Assert.Contains("2023年3月填报情况", text);
        var missingTowns = card.SelectTokens("$..text").Select(t => t.ToString()).Single(t => t.StartsWith("街镇："));
        Assert.Contains("宝平街道", missingTowns);
        Assert.DoesNotContain("潮阳街道", missingTowns);
        var submitted = card.SelectTokens("$..facts[*].title").Select(t => t.ToString()).ToList();
        Assert.Equal(new[] { "潮阳街道" }, submitted);
        Assert.DoesNotContain("区合作交流办", missingTowns);
    }

    [Fact]
    public async Task A_town_with_4_investment_staff_shows_below_the_article_8_minimum()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var values = TownValues();
        values["m_teamSize"] = "4";
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), values), user);
        var other = TestUser.Named("李四");
        await BindAsync(other, "town-baoping");
        var enough = TownValues();
        enough["m_teamSize"] = "5";
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(other), enough), other);

        var text = BotClient.AllText(await Bot.SayAsync("填报情况", TestUser.Admin));

        Assert.Contains("未达到最低人数（1）", text);
        Assert.Contains("潮阳街道：专业招商队伍人数 4人，未达到最低 5人（八）", text);
        Assert.DoesNotContain("宝平街道：专业招商队伍人数", text);
    }

    [Fact]
    public async Task Status_of_another_month_and_refusal_for_reporters()
    {
        var reporter = TestUser.Named("张三");
        await BindAsync(reporter, Chaoyang);

        var other = BotClient.AllText(await Bot.SayAsync("填报情况 2023-01", TestUser.Admin));
        var refused = BotClient.AllText(await Bot.SayAsync("填报情况", reporter));

        Assert.Contains("2023年1月填报情况", other);
        Assert.Contains("已截止", other);
        Assert.Contains("只有区合作交流办管理员", refused);
    }

    [Fact]
    public async Task My_figures_lists_the_units_months_and_values()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Figures.SaveAsync(new FigureSubmission(Chaoyang, new ReportingMonth(2023, 2),
            new Dictionary<string, decimal> { ["domesticProjects"] = 6 }, 0, "earlier", "李四", false));
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues("4")), user);

        var text = BotClient.AllText(await Bot.SayAsync("我的填报", user));
        var unbound = BotClient.AllText(await Bot.SayAsync("我的填报", TestUser.Named("路人")));

        Assert.Contains("潮阳街道 2023年填报记录", text);
        Assert.True(text.IndexOf("2023年3月", StringComparison.Ordinal) < text.IndexOf("2023年2月", StringComparison.Ordinal));
        Assert.Contains("4 个", text);
        Assert.Contains("6 个", text);
        Assert.Contains("还没有绑定", unbound);
    }

    [Fact]
    public async Task The_registered_figures_reader_sees_what_reporters_submitted_through_the_bot()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues("4")), user);
        await Bot.ExecuteAsync("target.save", Submission(BotClient.Cards((await Bot.SayAsync("年度目标 潮阳街道 2023", TestUser.Admin))[0]).Single(),
            new Dictionary<string, string> { ["m_domesticProjects"] = "12" }), TestUser.Admin);

        var reader = App.Service<IMonthlyFiguresReader>();

        Assert.IsType<MonthlyFiguresReader>(reader);
        var march = Assert.Single(await reader.GetMonthAsync(2023, 3));
        Assert.Equal((Chaoyang, 4m, false), (march.UnitId, march.Values["domesticProjects"], march.Late));
        Assert.Equal(12m, (await reader.GetAnnualTargetsAsync(2023))[Chaoyang]["domesticProjects"]);
    }
}
