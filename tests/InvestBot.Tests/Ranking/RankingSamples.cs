using InvestBot.Organization;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;

namespace InvestBot.Tests.Ranking;

/// <summary>Realistic rankings over the real unit directory, weights and metric catalog.</summary>
public static class RankingSamples
{
    public static readonly MetricCatalog Catalog = MetricCatalog.Load(RepoPaths.SourceData("metrics.json"));
    public static readonly UnitDirectory Units = UnitDirectory.Load(RepoPaths.SourceData("units.json"));
    public static readonly RankingRules Rules = RankingRules.Load(RepoPaths.SourceData("ranking-weights.json"));
    public static readonly UnitRequirements Requirements = UnitRequirements.Load(RepoPaths.SourceData("unit-requirements.json"));
    public static readonly DistrictTargets District = DistrictTargets.Load(RepoPaths.SourceData("district-targets.json"));
    public static readonly RankingCalculator Calculator = new(Rules, Catalog, Requirements, District);

    /// <summary>
    /// Every unit gets a target of 1000 for each metric it reports and figures for January–<paramref name="month"/>, except
    /// <paramref name="missing"/> for the last month. Team sizes are 25 (above every minimum) unless <paramref name="huge"/>.
    /// </summary>
    public static FakeFiguresReader Figures(int month, IEnumerable<string>? missing = null, int year = 2023, bool huge = false)
    {
        var skip = new HashSet<string>(missing ?? []);
        var reader = new FakeFiguresReader();
        var i = 0;
        foreach (var unit in RankingService.RankableUnits(Units))
        {
            i++;
            var metrics = Catalog.ForKind(unit.Kind).Where(m => m.PartOf is null && m.Id != "teamSize").ToList();
            reader.Target(unit.Id, metrics.Select(m => (m.Id, 1000m)).ToArray());
            for (var m = 1; m <= month; m++)
            {
                if (m == month && skip.Contains(unit.Id)) continue;
                // Different per unit and per month, so ranks move between months.
                var v = huge ? 987654321.12m + i : (i * 37 + m * (i % 7 + 1) * 13) % 400;
                var values = metrics.Select(x => (x.Id, v)).ToList();
                if (Catalog.ForKind(unit.Kind).Any(x => x.Id == "teamSize")) values.Add(("teamSize", 25m));
                reader.Submit(unit.Id, year, m, values.ToArray());
            }
        }
        return reader;
    }

    public static RankingResult Rank(FakeFiguresReader reader, int month, int year = 2023) =>
        Calculator.Compute(new RankingPeriod(year, month), RankingService.RankableUnits(Units), reader.All, reader.Targets);

    public static Announcement Announcement(RankingResult result, int revision = 0) =>
        new(result.Period, revision, RankingSnapshot.ForPublication(result), BotApp.AdminAadId, "合作办管理员",
            new DateTimeOffset(2023, 4, 6, 9, 0, 0, TimeSpan.FromHours(8)));

    public static string UnitId(string name) => Units.FindByName(name)!.Id;

    /// <summary>The office clock in Beijing time at a fixed moment, for cards that print dates.</summary>
    public static InvestBot.Common.OfficeClock Clock(DateTimeOffset? at = null) =>
        new(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(at ?? TestClock.Beijing(2023, 4, 6, 9)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
}
