using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.KeyProjects;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// A district onboarded in a day: 绑定列表 and 导入填报人's result for a hundred and more people are split into cards
/// Teams accepts (one card of 141 bindings weighed 46 KB; Teams refuses messages over about 28 KB), and nothing is
/// dropped on the way: every person and every button appears exactly once.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LongListsTests
{
    private static readonly UnitDirectory Units = KeyProjectHarness.Units;
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-07T02:00:00Z");

    private static IReadOnlyList<UnitBinding> Bindings(int count) => Enumerable.Range(0, count)
        .Select(i => new UnitBinding($"aad-{i:D4}", $"填报人{i}", Units.Units[i % Units.Units.Count].Id, "王主任", At)).ToList();

    [Fact]
    public void A_hundred_and_fifty_bindings_go_out_in_several_cards_each_within_the_budget_and_none_lost()
    {
        var pending = Enumerable.Range(0, 20).Select(i => new BindingRequest($"aad-p{i}", $"申请人{i}", Units.Units[i].Id, At)).ToList();
        var listed = Enumerable.Range(0, 100).Select(i => new RosterEntry($"p{i}@baodi.gov.cn", $"名单{i}", Units.Units[i % 40].Id, "王主任", At)).ToList();

        var pages = BindingCards.List(Bindings(150), pending, Units, listed);

        Assert.True(pages.Count > 1);
        Assert.All(pages, page => Assert.InRange(Card.Size(page), 1, Card.MaxBytes));
        Assert.All(pages, page => CardSchema.AssertValid(page));
        Assert.Equal(Enumerable.Range(1, pages.Count).Select(n => $"{BindingCards.ListTitle}（{n}/{pages.Count}）"),
            pages.Select(p => p["body"]![0]!.Value<string>("text")));
        var unbound = pages.SelectMany(p => p.SelectTokens("$..actions[?(@.verb == 'binding.unbind')].data.userId")).Select(t => t.ToString()).ToList();
        Assert.Equal(Bindings(150).Select(b => b.UserId), unbound);
        Assert.Equal(20, pages.SelectMany(p => p.SelectTokens("$..actions[?(@.verb == 'binding.approve')]")).Count());
        var text = string.Join("\n", pages.Select(BotClient.CardText));
        Assert.All(listed, e => Assert.Contains($"：{e.Name}\n", text + "\n"));
        Assert.Equal(1, pages.Count(p => BotClient.CardText(p).Contains("已绑定 150 人，待审批 20 条，名单中待首次出现 100 人")));
    }

    [Fact]
    public void A_few_bindings_stay_one_card_under_the_plain_title()
    {
        var page = Assert.Single(BindingCards.List(Bindings(5), [], Units));

        Assert.Equal(BindingCards.ListTitle, page["body"]![0]!.Value<string>("text"));
        Assert.Equal(5, page.SelectTokens("$..actions[?(@.verb == 'binding.unbind')]").Count());
    }

    [Fact]
    public void A_roster_of_five_hundred_rows_reports_every_row_in_cards_within_the_budget()
    {
        var result = new RosterImportResult(
            Enumerable.Range(0, 50).Select(i => ($"填报人{i}", "潮阳街道")).ToList(),
            Enumerable.Range(0, 50).Select(i => ($"名单{i}", "宝平街道")).ToList(),
            Enumerable.Range(1, 400).Select(i => ($"第 {i} 行（不存在的单位名称{i} 某人{i} person{i}@baodi.gov.cn）", "单位名称未找到")).ToList());

        var pages = BindingCards.RosterImported(result);

        Assert.True(pages.Count > 1);
        Assert.All(pages, page => Assert.InRange(Card.Size(page), 1, Card.MaxBytes));
        var text = string.Join("\n", pages.Select(BotClient.CardText)) + "\n";
        Assert.All(result.Bound, b => Assert.Contains($"潮阳街道：{b.Name}\n", text));
        Assert.All(result.Pending, p => Assert.Contains($"宝平街道：{p.Name}\n", text));
        Assert.Equal(400, pages.Sum(p => CardMarkdown.Shown(BotClient.CardText(p)).Split("单位名称未找到").Length - 1));
    }
}
