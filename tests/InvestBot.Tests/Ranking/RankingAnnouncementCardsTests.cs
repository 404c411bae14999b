using InvestBot.Ranking.Bot;
using InvestBot.Ranking;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Ranking;

[Trait("Category", "Unit")]
public sealed class RankingAnnouncementCardsTests
{
    private static readonly RankingAnnouncementCards Cards = new(RankingSamples.Catalog, RankingSamples.Clock());

    private static string Text(IEnumerable<JObject> cards) => string.Join("\n", cards.Select(c => BotClient.CardText(c)));

    /// <summary>Unit name cells of the ranking tables (header rows and the 走出去 table excluded).</summary>
    private static List<string> RankedRows(IEnumerable<JObject> cards) =>
        cards.SelectMany(c => c.SelectTokens("$..rows")).Where(rows => rows[0]!["cells"]![0]!["items"]![0]!.Value<string>("text") == "名次")
            .SelectMany(rows => rows.Skip(1))
            .Select(r => r["cells"]![1]!["items"]![0]!.Value<string>("text")!).ToList();

    private static List<string> TextBlocks(JObject card) =>
        card.SelectTokens("$..[?(@.type == 'TextBlock')]").Select(t => t.Value<string>("text")!).ToList();

    [Fact]
    public void The_headline_comes_first_then_compact_tables_of_ranked_units_in_the_rules_order()
    {
        var missing = new[] { RankingSamples.UnitId("黄庄镇"), RankingSamples.UnitId("区商务局") };
        var result = RankingSamples.Rank(RankingSamples.Figures(3, missing), 3);
        var cards = Cards.Build(RankingSamples.Announcement(result));

        foreach (var card in cards) CardSchema.AssertValid(card);
        var blocks = TextBlocks(cards[0]);
        Assert.StartsWith("宝坻区招商引资情况通报（2023年3月）", blocks[0]);
        Assert.Contains("2023年4月6日发布", blocks[1]);
        // 45 units take part: not the supervising bodies (（二十六）（九）), nor the two vertically managed ones (office setting).
        Assert.Contains("已报 43/45", blocks[1]);
        var text = Text(cards);
        int At(string s) => text.IndexOf(s, StringComparison.Ordinal);
        // Headline (district, leaders, 约谈) before any table; 街镇 first, as the rules file orders the categories.
        Assert.True(At("全区累计") < At("各类前三") && At("各类前三") < At("末位约谈") && At("末位约谈") < At("名次"), text);
        Assert.True(At("街镇（") < At("区直部门（") && At("区直部门（") < At("载体单位（") && At("载体单位（") < At("走出去招商组\n"), text);
        // The district figures are compared only with the totals the notice sets (（一）（二）).
        Assert.Contains("全区累计（对照（一）（二）全区目标）", text);
        Assert.Contains("/ 200亿元", text);
        Assert.DoesNotContain("实体项目：", text);
        // Tables hold ranked units, each once; the two that did not report are ranked last (notReported rankLast), marked 未报送.
        var exempt = RankingSamples.Rules.UnitRules.Where(r => !r.Ranked).SelectMany(r => r.Units).ToHashSet();
        var ranked = RankingService.RankableUnits(RankingSamples.Units)
            .Where(u => u.Category != "走出去招商组" && !exempt.Contains(u.Id)).Select(u => u.Name).Order().ToList();
        Assert.Equal(ranked, RankedRows(cards).Order().ToList());
        Assert.DoesNotContain("区税务局", RankedRows(cards));
        var silentRow = cards.SelectMany(c => c.SelectTokens("$..rows")).SelectMany(r => r)
            .Single(r => r["cells"]![1]!["items"]![0]!.Value<string>("text") == "黄庄镇");
        Assert.Equal("未报送", silentRow["cells"]![2]!["items"]![0]!.Value<string>("text"));
        // Ranked last for not reporting, they are shown once, in their table as 未报送, and not listed again.
        Assert.DoesNotContain(TextBlocks(cards[0]), t => t.StartsWith("未报送（"));
        Assert.Contains("未报送", Text(cards));
        Assert.DoesNotContain("未/报/送", text);
        // One message for the whole district: what a phone shows without paging.
        Assert.Single(cards);
    }

    [Fact]
    public void Quarter_end_names_at_most_three_summoned_units_in_the_headline_and_never_a_group()
    {
        var march = RankingSamples.Rank(RankingSamples.Figures(3), 3);
        var cards = Cards.Build(RankingSamples.Announcement(march));
        var summoned = march.Interviewed.Select(u => u.UnitName).ToList();
        Assert.InRange(summoned.Count, 1, 3);
        Assert.DoesNotContain(summoned, n => n.Contains("招商组") || n == "国外组");
        var line = Assert.Single(TextBlocks(cards[0]), t => t.Contains("末位约谈"));
        Assert.Equal($"⚠ 2023年第一季度末位约谈（{summoned.Count}）：{string.Join("、", summoned)}", line);
        var styled = cards.SelectMany(c => c.SelectTokens("$..rows[?(@.style == 'attention')]"))
            .Select(r => r["cells"]![1]!["items"]![0]!.Value<string>("text")!).ToList();
        Assert.Equal(summoned.Order(), styled.Order());
        // The note says who is summoned, from the rules the ranking was computed with.
        // “后三位” is the article's; counting the three categories together is the office's reading, and the note says so.
        Assert.Contains("约谈“排名后三位的单位”依（二十七），按街镇、区直部门、载体单位合计取后 3 位为区合作交流办设定", Text(cards));

        var february = RankingSamples.Rank(RankingSamples.Figures(2), 2);
        Assert.DoesNotContain("约谈：", Text(Cards.Build(RankingSamples.Announcement(february))));
        Assert.DoesNotContain("末位约谈", Text(Cards.Build(RankingSamples.Announcement(february))));
    }

    [Fact]
    public void At_the_year_end_a_group_below_article_28_targets_shows_未达标_and_one_at_them_达标()
    {
        // （二十八）“每组每年对接落地项目实际投资到位总额不低于2亿元”: the verdict is the year's, given with December's figures.
        var reader = RankingSamples.Figures(12);
        reader.Submit(RankingSamples.UnitId("国外组"), 2023, 12, ("groupInvestment", 20000), ("groupEnterprises", 30));
        var result = RankingSamples.Rank(reader, 12);
        var cards = Cards.Build(RankingSamples.Announcement(result));
        var rows = cards.SelectMany(c => c.SelectTokens("$..rows")).Single(r => r[0]!["cells"]![0]!["items"]![0]!.Value<string>("text") == "组别");
        string Result(string group) => rows.Skip(1).Single(r => r["cells"]![0]!["items"]![0]!.Value<string>("text") == group)["cells"]!.Last!["items"]![0]!.Value<string>("text")!;
        Assert.Equal("达标", Result("国外组"));           // 2 亿元 and 30 个 this year so far
        Assert.Equal("未达标", Result("京津冀区域招商组")); // the sample figures stay below 20000 万元
        var text = Text(cards);
        Assert.Contains("（二十八）每组年度目标：到位额≥2亿元、注册企业≥30个", text);
        Assert.Contains("走出去招商组达标 1/6", text);
    }

    [Fact]
    public void Before_December_groups_show_progress_against_the_year_and_no_verdict()
    {
        // （二十八）'s targets are annual (“每组每年”): in September a group below them is 进行中, never 未达标.
        var reader = RankingSamples.Figures(9);
        reader.Submit(RankingSamples.UnitId("国外组"), 2023, 9, ("groupInvestment", 20000), ("groupEnterprises", 30));
        var result = RankingSamples.Rank(reader, 9);
        var cards = Cards.Build(RankingSamples.Announcement(result));
        foreach (var card in cards) CardSchema.AssertValid(card);
        var text = Text(cards);
        Assert.DoesNotContain("未达标", text);
        Assert.DoesNotContain("达标 1/6", text);
        Assert.Contains("全年进度 75%", text);
        Assert.Contains("走出去招商组 · （二十八）年度目标：已完成 1/6，全年进度 75%（全年结束时判定达标）", text);
        var rows = cards.SelectMany(c => c.SelectTokens("$..rows")).Single(r => r[0]!["cells"]![0]!["items"]![0]!.Value<string>("text") == "组别");
        string Result(string group) => rows.Skip(1).Single(r => r["cells"]![0]!["items"]![0]!.Value<string>("text") == group)["cells"]!.Last!["items"]![0]!.Value<string>("text")!;
        Assert.Equal("已完成", Result("国外组"));
        Assert.Equal("进行中", Result("京津冀区域招商组"));
        // Not ranking the groups against each other is the office's setting, and the card says so.
        Assert.Contains("组间不排名、不约谈（区合作交流办设定）", text);
    }

    [Fact]
    public void Units_without_targets_and_teams_below_the_minimum_are_one_line_each()
    {
        var reader = RankingSamples.Figures(3);
        var town = RankingSamples.UnitId("黄庄镇");
        reader.Submit(town, 2023, 3, ("domesticCapital", 10), ("teamSize", 4));
        var noTarget = RankingSamples.UnitId("区教育局");
        var withoutTarget = new FakeFiguresReader();
        foreach (var f in reader.All) withoutTarget.Submit(f.UnitId, f.Year, f.Month, f.Values.Select(v => (v.Key, v.Value)).ToArray());
        foreach (var (unit, targets) in reader.Targets.Where(t => t.Key != noTarget))
            withoutTarget.Target(unit, targets.Select(t => (t.Key, t.Value)).ToArray());
        var result = RankingSamples.Rank(withoutTarget, 3);
        var blocks = TextBlocks(Cards.Build(RankingSamples.Announcement(result))[0]);
        Assert.Equal("未设目标（1）：区教育局", Assert.Single(blocks, b => b.StartsWith("未设目标")));
        Assert.Equal("招商队伍未达到最低人数（八）：黄庄镇 4/5人", Assert.Single(blocks, b => b.StartsWith("招商队伍未达到最低人数")));
        Assert.DoesNotContain("区教育局", RankedRows(Cards.Build(RankingSamples.Announcement(result))));
    }

    [Fact]
    public void Rank_change_since_last_month_is_shown_with_arrows_and_the_biggest_climbers_in_the_headline()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(5), 5);
        var towns = result.Categories.Single(c => c.Category == "街镇").Units;
        var up = towns.First(u => u.RankChange > 0);
        var cards = Cards.Build(RankingSamples.Announcement(result));
        var row = cards.SelectMany(c => c.SelectTokens("$..rows")).SelectMany(r => r)
            .First(r => r["cells"]![1]!["items"]![0]!.Value<string>("text") == up.UnitName);
        Assert.Equal($"↑{up.RankChange}", row["cells"]!.Last!["items"]![0]!.Value<string>("text"));
        var best = result.Categories.SelectMany(c => c.RankedUnits).Max(u => u.RankChange);
        Assert.StartsWith("进步最快：", Assert.Single(TextBlocks(cards[0]), t => t.StartsWith("进步最快")));
        Assert.Contains($"↑{best}", Text(cards));
        Assert.Equal("↓2", RankingAnnouncementCards.Change(up with { PreviousRank = 3, Rank = 5 }));
        Assert.Equal("持平", RankingAnnouncementCards.Change(up with { PreviousRank = 5, Rank = 5 }));
        Assert.Equal("—", RankingAnnouncementCards.Change(up with { PreviousRank = null }));
    }

    [Fact]
    public void A_category_with_fewer_than_three_ranked_units_names_its_coverage_and_no_podium_and_the_first_ranking_has_no_comparison()
    {
        // Only two towns reported: 街镇 2/24, no 前三 and no 第一; nothing to compare with, so no 较上月 and no 持平.
        var figures = new FakeFiguresReader();
        foreach (var (unit, value) in new[] { ("潮阳街道", 5m), ("宝平街道", 3m) })
            figures.Submit(RankingSamples.UnitId(unit), 2023, 3, ("domesticProjects", value)).Target(RankingSamples.UnitId(unit), ("domesticProjects", 10m));
        var result = RankingSamples.Rank(figures, 3);
        var first = RankingSamples.Announcement(result with
        {
            Categories = result.Categories.Select(c => c with { Units = c.Units.Select(u => u with { PreviousRank = null }).ToList() }).ToList(),
        });
        var text = Text(Cards.Build(first));
        var summary = RankingAnnouncementCards.Summary(first);

        Assert.Contains("街镇 2/24 参加排名", summary);
        Assert.DoesNotContain("街镇 2/24 参加排名，第一", summary);
        Assert.Contains("不足 3 个单位，不列前三", text);
        Assert.DoesNotContain("持平", text);
        Assert.DoesNotContain("较上月", text);
        Assert.Contains("排名看的是今年累计", text);
    }

    [Fact]
    public void The_first_message_carries_a_text_summary_for_the_chat_list_and_the_notification()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(3, [RankingSamples.UnitId("黄庄镇")]), 3);
        var messages = Cards.Render(RankingSamples.Announcement(result));
        var first = messages[0];
        Assert.True(first.ShowText);
        var leader = result.Categories.Single(c => c.Category == "街镇").RankedUnits.First().UnitName;
        var towns = result.Categories.Single(c => c.Category == "街镇");
        Assert.StartsWith($"宝坻区招商引资情况通报（2023年3月）：已报 44/45；街镇 {towns.RankedUnits.Count(u => u.Submitted)}/{towns.Units.Count} 参加排名，第一 " + leader, first.Text);
        Assert.Contains($"约谈 {result.Interview!.Summoned.Count} 个单位", first.Text);
        var activity = Card.ToActivity(JObject.Parse(first.CardJson!), first.Text, first.ShowText);
        Assert.Equal(first.Text, activity.Text);
        Assert.Equal(first.Text, activity.Summary);
    }

    [Fact]
    public void What_the_card_says_about_the_cap_comes_from_the_rules_it_was_computed_with()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(2), 2);
        Assert.Contains("单项最高按 150% 计", Text(Cards.Build(RankingSamples.Announcement(result))));
        var capped = result with { CompletionCap = 1.2m };
        Assert.Contains("单项最高按 120% 计", Text(Cards.Build(RankingSamples.Announcement(capped))));
    }

    [Fact]
    public void Large_announcement_is_split_into_cards_under_the_Teams_size_limit()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(12, huge: true), 12);
        var small = new RankingAnnouncementCards(RankingSamples.Catalog, RankingSamples.Clock(), maxCardBytes: 6 * 1024);
        var cards = small.Build(RankingSamples.Announcement(result));

        Assert.True(cards.Count >= 3, $"expected a split, got {cards.Count} card(s)");
        foreach (var card in cards)
        {
            CardSchema.AssertValid(card);
            Assert.True(RankingAnnouncementCards.Size(card) <= 6 * 1024, $"card of {RankingAnnouncementCards.Size(card)} bytes");
        }
        Assert.EndsWith($"（1/{cards.Count}）", cards[0]["body"]![0]!.Value<string>("text"));
        Assert.Contains("各类前三", Text(cards.Take(1)));
        Assert.Contains("街镇（续）", Text(cards));
        var ranked = RankingService.RankableUnits(RankingSamples.Units)
            .Count(u => u.Category != "走出去招商组" && RankingSamples.Rules.ForUnit(u.Id) is not { Ranked: false });
        Assert.Equal(ranked, RankedRows(cards).Count);
        Assert.Equal(RankedRows(cards).Count, RankedRows(cards).Distinct().Count());
    }

    [Fact]
    public void Default_budget_keeps_every_message_under_28_KB_including_the_activity()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(12, missing: [RankingSamples.UnitId("宝平街道")], huge: true), 12);
        var messages = Cards.Render(RankingSamples.Announcement(result));
        foreach (var m in messages)
        {
            var activity = Card.ToActivity(JObject.Parse(m.CardJson!), m.Text, m.ShowText);
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
        Assert.Contains("第 1 次更正", Text(cards.Take(1)));
        foreach (var card in cards) CardSchema.AssertValid(card);
    }

    [Fact]
    public void Dates_are_printed_in_the_office_time_zone()
    {
        var result = RankingSamples.Rank(RankingSamples.Figures(3), 3);
        // 2023-04-30 17:30 UTC is already 1 May in Beijing.
        var announcement = RankingSamples.Announcement(result) with { PublishedAt = new DateTimeOffset(2023, 4, 30, 17, 30, 0, TimeSpan.Zero) };
        Assert.Contains("2023年5月1日发布", Text(Cards.Build(announcement)));
    }
}
