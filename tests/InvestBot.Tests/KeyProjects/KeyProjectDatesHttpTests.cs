using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// Issue 21 item 7 (key projects): the office starts on 7 December 2026. November is being checked and its deadline
/// (5 December) has passed: it is said as past, never “请在12月5日前”. A project card's progress wording follows the stored
/// updates, and a stage that its expected dates contradict is flagged.
/// </summary>
[Trait("Category", "Http")]
public sealed class KeyProjectDatesHttpTests : KeyProjectBotTestBase
{
    private readonly TestUser _zhang = TestUser.Named("张三");

    protected override TimeProvider Clock { get; } = TestClock.AtBeijing(2026, 12, 7);

    private static string? Fact(JObject card, string title) =>
        card.SelectTokens("$..facts[*]").FirstOrDefault(f => f.Value<string>("title") == title)?.Value<string>("value");

    [Fact]
    public async Task 我的项目_on_7_December_says_Novembers_deadline_has_passed()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang);

        var mine = BotClient.CardText(await CardAsync("我的项目", _zhang));
        var form = (await Bot.ExecuteAsync(KeyProjectCards.ProgressOpenVerb, Ref(p), _zhang)).Card!;

        Assert.DoesNotContain("请在12月5日前", mine);
        Assert.Contains("2026年11月进展有 1 个逾期未更新（已于12月5日截止），请尽快补报", mine);
        Assert.Contains("11月进展未更新", mine);
        Assert.Equal("12月5日（已过）", Fact(form, "截止"));
        Assert.Contains("2026年11月进展已于12月5日截止，此次提交将记为逾期更新。", BotClient.CardText(form));
        Assert.Contains("提醒：潮阳街道有 1 个项目的2026年11月进展逾期未更新（已于12月5日截止）",
            KeyProjectTexts.Reminder("潮阳街道", 1, new(2026, 11), new(2026, 12, 5), new(2026, 12, 7)));
    }

    [Fact]
    public async Task The_cards_progress_wording_follows_the_stored_updates_not_the_registration_month()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang); // registered in December, while November is checked

        var still = await UpdateAsync(_zhang, p, "negotiating", "0");
        var stillCard = still.Card!;
        p = (await Store.GetAsync(Chaoyang, p.Id))!;
        var moved = (await UpdateAsync(_zhang, p, "signed", "300")).Card!;

        // Without progress in November the card does not name December (no December update exists) as the last progress.
        Assert.Equal("已更新（逾期）：无进展（阶段未变，到位 0 万元）", Fact(stillCard, "2026年11月进展"));
        Assert.Equal("尚无（2026年12月登记，此后没有阶段推进或投资到位）", Fact(stillCard, "最近一次进展"));
        Assert.Equal("已更新（逾期）：在谈→签约，到位 300 万元", Fact(moved, "2026年11月进展"));
        Assert.Equal("2026年11月（在谈→签约，到位 300 万元）", Fact(moved, "最近一次进展"));
    }

    [Fact]
    public async Task A_project_at_开工_whose_预计开工_is_still_ahead_is_flagged_and_one_that_agrees_is_not()
    {
        await BindAsync(_zhang, Chaoyang);
        var ahead = Details(name: "明年开工的项目", stage: "started");
        ahead[ProjectFields.ExpectedStart] = "2027-03-01";
        ahead[ProjectFields.ExpectedOperation] = "2028-03-01";
        var agrees = Details(name: "已开工的项目", stage: "started");
        agrees[ProjectFields.ExpectedStart] = "2026-10-01";
        agrees[ProjectFields.ExpectedOperation] = "2027-10-01";

        var flagged = BotClient.CardText((await RegisterAsync(_zhang, ahead)).Card!);
        var fine = BotClient.CardText((await RegisterAsync(_zhang, agrees)).Card!);
        var mine = BotClient.CardText(await CardAsync("我的项目", _zhang));

        const string Warning = "阶段为“开工”，但预计开工日期 2027-03-01 还没有到：请核对项目阶段，或修改预计开工日期。";
        Assert.Contains(Warning, flagged);
        Assert.DoesNotContain("还没有到", fine);
        Assert.Contains(Warning, mine);
        Assert.Single(mine.Split('\n'), l => l.Contains("还没有到"));
    }
}
