using InvestBot.Ranking.Bot;
using InvestBot.Ranking;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Ranking;

[Trait("Category", "Unit")]
public sealed class RankingAnnouncementCardsTests
{
    private static readonly RankingAnnouncementCards Cards = new(RankingSamples.Catalog);

    private static string Text(IEnumerable<JObject> cards) => string.Join("\n", cards.Select(c => BotClient.CardText(c)));

    /// <summary>Unit name cells of every table row (second cell), header rows excluded.</summary>
    private static List<string> RowUnits(IEnumerable<JObject> cards) =>
        cards.SelectMany(c => c.SelectTokens("$..rows")).SelectMany(rows => rows.Skip(1))
            .Select(r => r["cells"]![1]!["items"]![0]!.Value<string>("text")!).ToList();

    [Fact]
    public void March_announcement_has_title_tables_per_category_and_validates()
    {
        var missing = new[] { RankingSamples.UnitId("黄庄镇"), RankingSamples.UnitId("区商务局") };
        var result = RankingSamples.Rank(RankingSamples.Figures(3, missing), 3);
        var cards = Cards.Build(RankingSamples.Announcement(result));

        foreach (var card in cards) CardSchema.AssertValid(card);
        Assert.StartsWith("宝坻区招商引资情况通报（2023年3月）", cards[0]["body"]![0]!.Value<string>("text"));
        var text = Text(cards);
        foreach (var category in new[] { "街镇", "区直部门", "载体单位", "走出去招商组" })
            Assert.Contains(category + "（", text);
        Assert.Contains("内资到位额（万元）", text);
        Assert.Contains("较上月", text);
        // Every ranked unit appears exactly once across all tables.
        var ranked = RankingService.RankableUnits(RankingSamples.Units).Select(u => u.Name).OrderBy(n => n).ToList();
        Assert.Equal(ranked, RowUnits(cards).OrderBy(n => n).ToList());
        Assert.Contains("未报送（1）：黄庄镇", text);
        Assert.Contains("未报送（1）：区商务局", text);
    }

    [Fact]
    public void Quarter_end_highlights_interviewed_units_and_month_does_not()
    {
        var march = RankingSamples.Rank(RankingSamples.Figures(3), 3);
        var cards = Cards.Build(RankingSamples.Announcement(march));
        var text = Text(cards);
        Assert.Contains("2023年第一季度末位约谈（3）", text);
        var towns = march.Categories.Single(c => c.Category == "街镇");
        var bottom = towns.Units.Where(u => u.Interview).Select(u => u.UnitName).ToList();
        Assert.Equal(3, bottom.Count);
        // The interviewed rows carry the attention style.
        var styled = cards.SelectMany(c => c.SelectTokens("$..rows[?(@.style == 'attention')]"))
            .Select(r => r["cells"]![1]!["items"]![0]!.Value<string>("text")!).ToList();
        Assert.Subset(styled.ToHashSet(), bottom.ToHashSet());

        var february = RankingSamples.Rank(RankingSamples.Figures(2), 2);
        var febText = Text(Cards.Build(RankingSamples.Announcement(february)));
        Assert.DoesNotContain("约谈", febText);
    }

    [Fact]
    public void Rank_change_since_last_month_is_shown_with_arrows()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(5), 5);
        var towns = result.Categories.Single(c => c.Category == "街镇").Units;
        var up = towns.First(u => u.RankChange > 0);
        var cards = Cards.Build(RankingSamples.Announcement(result));
        var row = cards.SelectMany(c => c.SelectTokens("$..rows")).SelectMany(r => r)
            .First(r => r["cells"]![1]!["items"]![0]!.Value<string>("text") == up.UnitName);
        Assert.Equal($"↑{up.RankChange}", row["cells"]!.Last!["items"]![0]!.Value<string>("text"));
        Assert.Equal("↓2", RankingAnnouncementCards.Change(up with { PreviousRank = 3, Rank = 5 }));
        Assert.Equal("持平", RankingAnnouncementCards.Change(up with { PreviousRank = 5, Rank = 5 }));
        Assert.Equal("—", RankingAnnouncementCards.Change(up with { PreviousRank = null }));
    }

    [Fact]
    public void Large_announcement_is_split_into_cards_under_the_Teams_size_limit()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(12, huge: true), 12);
        var small = new RankingAnnouncementCards(RankingSamples.Catalog, maxCardBytes: 8 * 1024);
        var cards = small.Build(RankingSamples.Announcement(result));

        Assert.True(cards.Count >= 3, $"expected a split, got {cards.Count} card(s)");
        foreach (var card in cards)
        {
            CardSchema.AssertValid(card);
            Assert.True(RankingAnnouncementCards.Size(card) <= 8 * 1024, $"card of {RankingAnnouncementCards.Size(card)} bytes");
        }
        Assert.EndsWith($"（1/{cards.Count}）", cards[0]["body"]![0]!.Value<string>("text"));
        Assert.Contains("街镇（续）", Text(cards));
        Assert.Equal(RankingService.RankableUnits(RankingSamples.Units).Count, RowUnits(cards).Count);
        Assert.Equal(RowUnits(cards).Count, RowUnits(cards).Distinct().Count());
    }

    [Fact]
    public void Default_budget_keeps_every_message_under_28_KB_including_the_activity()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(12, missing: [RankingSamples.UnitId("宝平街道")], huge: true), 12);
        var cards = Cards.Build(RankingSamples.Announcement(result));
        foreach (var card in cards)
        {
            var activity = Card.ToActivity(card, "通报");
            var bytes = System.Text.Encoding.UTF8.GetByteCount(JsonConvert.SerializeObject(activity));
            Assert.True(bytes < 28 * 1024, $"activity of {bytes} bytes");
        }
    }

    [Fact]
    public void Correction_is_marked_in_title_and_text()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(3), 3);
        var cards = Cards.Build(RankingSamples.Announcement(result, revision: 1));
        Assert.StartsWith("【更正】宝坻区招商引资情况通报（2023年3月）", cards[0]["body"]![0]!.Value<string>("text"));
        Assert.Contains("更正", Text(cards.Take(1)));
        foreach (var card in cards) CardSchema.AssertValid(card);
    }
}
