using InvestBot.Ranking;
using InvestBot.Ranking.Bot;
using InvestBot.Reporting;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;

namespace InvestBot.Tests.Ranking;

[Trait("Category", "Scratch")]
public sealed class MeasureAnnouncement(ITestOutputHelper output)
{
    private static readonly string[] FirstReporters = ["宝平街道", "潮阳街道", "大口屯镇", "周良街道", "钰华街道", "区商务局", "区发展改革委", "京津冀区域招商组"];
    private static readonly string[] FirstTargets = ["宝平街道", "潮阳街道", "大口屯镇", "区商务局"];

    private static FakeFiguresReader Build(bool full)
    {
        var reader = new FakeFiguresReader();
        var i = 0;
        foreach (var unit in RankingService.RankableUnits(RankingSamples.Units))
        {
            i++;
            var kind = RankingSamples.Units.FindById(unit.Id)!.Kind;
            var metrics = RankingSamples.Catalog.ForKind(kind).Where(m => m.PartOf is null && m.Id != "teamSize").ToList();
            var reports = full || FirstReporters.Contains(unit.Name);
            if (full || FirstTargets.Contains(unit.Name)) reader.Target(unit.Id, metrics.Select(m => (m.Id, 1000m)).ToArray());
            if (!reports) continue;
            for (var m = full ? 1 : 3; m <= 3; m++)
            {
                var v = (decimal)((i * 37 + m * (i % 7 + 1) * 13) % 400);
                var values = metrics.Select(x => (x.Id, v)).ToList();
                if (RankingSamples.Catalog.ForKind(kind).Any(x => x.Id == "teamSize")) values.Add(("teamSize", 25m));
                reader.Submit(unit.Id, 2023, m, values.ToArray());
            }
        }
        return reader;
    }

    [Fact]
    public void Measure()
    {
        var dir = "/tmp/measure/after";
        Directory.CreateDirectory(dir);
        foreach (var (name, full) in new[] { ("first-month", false), ("full", true) })
        {
            var reader = Build(full);
            var result = RankingSamples.Calculator.Compute(new RankingPeriod(2023, 3), RankingService.RankableUnits(RankingSamples.Units), reader.All, reader.Targets);
            var cards = new RankingAnnouncementCards(RankingSamples.Catalog, RankingSamples.Clock()).Build(RankingSamples.Announcement(result));
            var total = 0;
            for (var k = 0; k < cards.Count; k++)
            {
                var json = cards[k].ToString(Newtonsoft.Json.Formatting.None);
                File.WriteAllText($"{dir}/{name}-{k + 1}.json", json);
                var bytes = System.Text.Encoding.UTF8.GetByteCount(json);
                total += bytes;
                var rows = cards[k].SelectTokens("$..[?(@.type == 'TableRow')]").Count();
                var blocks = cards[k].SelectTokens("$..[?(@.type == 'TextBlock')]").Count();
                var facts = cards[k].SelectTokens("$..facts[*]").Count();
                output.WriteLine($"after {name} card {k + 1}/{cards.Count}: {bytes} bytes, {rows} table rows, {blocks} TextBlocks, {facts} facts");
            }
            output.WriteLine($"after {name}: {cards.Count} message(s), {total} bytes in all");
        }
    }
}
