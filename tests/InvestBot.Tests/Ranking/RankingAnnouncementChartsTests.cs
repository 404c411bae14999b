using InvestBot.Ranking;
using InvestBot.Ranking.Bot;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;

namespace InvestBot.Tests.Ranking;

/// <summary>
/// The pictures in the announcement (Teams chart elements with a text fallback) and its 下载通报表 button; the largest
/// announcement (every unit of every category, December) stays within Teams' ~28 KB message limit.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RankingAnnouncementChartsTests(ITestOutputHelper output)
{
    private static readonly RankingAnnouncementCards Cards = new(RankingSamples.Catalog, RankingSamples.Clock());
    private const string Url = "https://bot.example.cn/api/ranking/bulletin/2023-12.r0.docx?exp=1711929600&sig=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private static List<JObject> ChartsOf(JObject card, string type) =>
        card.SelectTokens("$..[?(@.type)]").OfType<JObject>().Where(o => o.Value<string>("type") == type).ToList();

    [Fact]
    public void The_first_card_has_a_bar_of_the_largest_categorys_top_and_bottom_and_a_line_of_the_districts_pace()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(12), 12);
        var a = RankingSamples.Announcement(result);
        var cards = Cards.Build(a, Url);

        foreach (var card in cards) CardSchema.AssertValid(card);
        var largest = result.Categories.OrderByDescending(c => c.RankedUnits.Count()).First();
        Assert.True(largest.RankedUnits.Count() > 10, "the sample's largest category should need trimming");
        var bar = Assert.Single(ChartsOf(cards[0], Charts.HorizontalBarType));
        Assert.Equal($"{largest.Category}得分（前5名和后5名）", bar.Value<string>("title"));
        var ranked = largest.RankedUnits.ToList();
        var expected = ranked.Take(5).Concat(ranked.TakeLast(5)).Select(u => ($"{u.Rank}.{u.UnitName}", (double)u.Score!.Value)).ToList();
        Assert.Equal(expected, bar["data"]!.Select(d => (d.Value<string>("x")!, d.Value<double>("y"))).ToList());
        // Where charts are not drawn, the fallback says the same in a line.
        Assert.Equal($"{largest.Category}得分（前5名和后5名）见下表。", bar["fallback"]!.Value<string>("text"));

        var line = Assert.Single(ChartsOf(cards[0], Charts.LineType));
        var series = line["data"]!.ToList();
        Assert.Equal(["内资到位额完成率", "内资产业项目完成率", "序时进度"], series.Select(s => s.Value<string>("legend")));
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"{m}月"), series[0]["values"]!.Select(v => v.Value<string>("x")));
        var first = result.District.Single(d => d.MetricId == "domesticCapital");
        Assert.Equal((double)Math.Round(first.Actual / first.Target * 100, 1), series[0]["values"]![11]!.Value<double>("y"), 1);
        Assert.Equal(100d, series[^1]["values"]![11]!.Value<double>("y"));
        Assert.Contains("序时进度 100%", line["fallback"]!.Value<string>("text"));

        // 下载通报表 under the first card only.
        var download = Assert.Single(cards[0]["actions"]!);
        Assert.Equal(("Action.OpenUrl", "下载通报表", Url), (download.Value<string>("type"), download.Value<string>("title"), download.Value<string>("url")));
        Assert.All(cards.Skip(1), c => Assert.Null(c["actions"]));
        // The charts come after the headline and before the tables.
        var body = cards[0]["body"]!.Select(b => b.Value<string>("type")).ToList();
        Assert.True(body.IndexOf(Charts.HorizontalBarType) < body.IndexOf("Table"));
    }

    [Fact]
    public void The_largest_announcement_with_charts_and_the_button_stays_under_28_KB_per_message()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(12, missing: [RankingSamples.UnitId("宝平街道")], huge: true), 12);
        var units = result.Categories.Sum(c => c.Units.Count) + result.TargetChecks.Count;
        Assert.True(units >= 45, $"{units} units"); // every reporting unit of every category (supervising bodies are not ranked)
        var messages = Cards.Render(RankingSamples.Announcement(result), Url);
        var sizes = new List<int>();
        foreach (var m in messages)
        {
            var card = JObject.Parse(m.CardJson!);
            CardSchema.AssertValid(card);
            var activity = Card.ToActivity(card, m.Text, m.ShowText);
            var bytes = System.Text.Encoding.UTF8.GetByteCount(JsonConvert.SerializeObject(activity));
            sizes.Add(bytes);
            Assert.True(bytes < 28 * 1024, $"activity of {bytes} bytes");
        }
        var charts = JObject.Parse(messages[0].CardJson!).SelectTokens("$..[?(@.type)]").OfType<JObject>()
            .Where(o => o.Value<string>("type")!.StartsWith("Chart.", StringComparison.Ordinal)).Sum(o => o.ToString(Formatting.None).Length);
        output.WriteLine($"{units} units: {messages.Count} message(s) of {string.Join(", ", sizes)} bytes; the charts take {charts} bytes");
        Assert.True(charts < 3 * 1024, $"charts take {charts} bytes");
    }

    [Fact]
    public void A_category_of_ten_or_fewer_shows_every_ranked_unit_and_an_old_snapshot_has_no_line()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(3), 3);
        var small = result with
        {
            Categories = result.Categories.Select(c => c with { Units = c.Units.Take(6).ToList() }).ToList(),
            District = result.District.Select(d => d with { ByMonth = [] }).ToList(),
        };
        var card = Cards.Build(RankingSamples.Announcement(small))[0];

        CardSchema.AssertValid(card);
        var bar = Assert.Single(ChartsOf(card, Charts.HorizontalBarType));
        Assert.Equal(6, bar["data"]!.Count());
        Assert.DoesNotContain("前5名", bar.Value<string>("title"));
        Assert.Empty(ChartsOf(card, Charts.LineType));
        Assert.Null(card["actions"]); // no link given (the preview): no button
    }
}
