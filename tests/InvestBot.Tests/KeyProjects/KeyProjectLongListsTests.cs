using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;
using static InvestBot.Tests.KeyProjects.KeyProjectHarness;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// A real district's ledger at its worst ((二十六)'s monthly check: 47 units, 300 projects, every name at the 50-character
/// limit, every problem and check finding at the 500-character limit, all of it punctuation that markdown escaping doubles),
/// built through the service on Azurite once for the class.
/// </summary>
public sealed class WorstCaseLedger : IAsyncLifetime
{
    public const int UnitCount = 47;
    public const int ProjectCount = 300;
    /// <summary>The first unit holds this many projects (我的项目 at its longest); the rest share the others.</summary>
    public const int BiggestUnit = 40;

    public KeyProjectHarness H { get; private set; } = null!;
    public List<KeyProject> Projects { get; } = [];
    public KeyProject Busiest { get; private set; } = null!;

    /// <summary>Exactly <paramref name="length"/> characters, unique by <paramref name="n"/>, half of them characters markdown escapes.</summary>
    public static string Worst(string prefix, int n, int length)
    {
        var head = $"{prefix}{n:D3}";
        const string pattern = "项\"目[\\]*_`<>";
        return head + string.Concat(Enumerable.Repeat(pattern, length / pattern.Length + 1))[..(length - head.Length)];
    }

    public async Task InitializeAsync()
    {
        // Registered in January: February and March pass without progress, so every project is stalled in March's check.
        H = await StartAsync(2023, 1, 3);
        var units = Units.Units.Take(UnitCount).ToList();
        var unitOf = Enumerable.Range(0, ProjectCount).Select(i => i < BiggestUnit ? units[0] : units[1 + i % (UnitCount - 1)]).ToList();
        foreach (var batch in Enumerable.Range(0, ProjectCount).Chunk(10))
            Projects.AddRange(await Task.WhenAll(batch.Select(i =>
                H.RegisterAsync(Admin, unitOf[i].Id, DetailInputs(name: Worst("项目", i, Rules.NameMaxLength), stage: StageOf(i))))));
        // The busiest project reports a problem every month (three updates on its card) and collects five findings.
        Busiest = Projects[0];
        foreach (var (month, day) in new[] { (2, 3), (3, 3) })
        {
            H.SetToday(2023, month, day);
            Busiest = await H.ProgressAsync(Admin, Busiest, StageOf(0), "0", Worst("问题", month, Rules.ProblemsMaxLength));
        }
        H.SetToday(2023, 4, 3);
        for (var f = 0; f < 4; f++) await FindingAsync(Busiest, f);
        Projects[0] = Busiest;
        foreach (var batch in Enumerable.Range(0, ProjectCount).Chunk(10))
            await Task.WhenAll(batch.Select(async i =>
            {
                // No progress (same stage, nothing arrived) but a problem; a check finding on each; every fifth one 重大.
                var p = await H.ProgressAsync(Admin, Projects[i], StageOf(i), "0", Worst("问题", i, Rules.ProblemsMaxLength));
                await FindingAsync(p, i);
                Projects[i] = i % 5 == 0 ? await H.MarkAsync(p, KeyProjectRules.MajorLevel) : p;
            }));
    }

    /// <summary>The biggest unit's projects say 开工 while their 预计开工 is ahead: each of its lines also carries the date warning.</summary>
    private static string StageOf(int i) => i < BiggestUnit ? "started" : "negotiating";

    private async Task FindingAsync(KeyProject p, int n) => Done(await H.Service.RecordFindingAsync(Admin, p.UnitId, p.Id, ProjectIds.New(),
        new Dictionary<string, string?> { [ProjectFields.FindingSource] = CheckFinding.Superior, [ProjectFields.FindingText] = Worst("发现", n, Rules.ProblemsMaxLength) }));

    public Task DisposeAsync() => Task.CompletedTask;
}

[Trait("Category", "Integration")]
public sealed class KeyProjectLongListsTests(WorstCaseLedger ledger, ITestOutputHelper output) : IClassFixture<WorstCaseLedger>
{
    private static readonly KeyProjectCards Cards = new(Rules);
    private KeyProjectHarness H => ledger.H;

    [Fact]
    public async Task Measure()
    {
        var overview = Cards.Overview((await H.Views.OverviewAsync(Admin, null, null)).View!);
        output.WriteLine($"overview: {Card.Size(overview)}");
        foreach (var e in overview["body"]!) output.WriteLine($"  {e.Value<string>("type")} {System.Text.Encoding.UTF8.GetByteCount(e.ToString(Newtonsoft.Json.Formatting.None))} {e.Value<string>("text")?[..Math.Min(20, e.Value<string>("text")!.Length)]}");
        var mine = Cards.Mine((await H.Views.MineAsync(Admin, Units.Units[0])).View!);
        output.WriteLine($"mine: {Card.Size(mine)}");
        var detail = Cards.Detail(Done(await H.Service.DetailAsync(Admin, ledger.Busiest.UnitId, ledger.Busiest.Id)), "", H.Window.Zone);
        output.WriteLine($"detail: {Card.Size(detail)}");
        var report = await H.Reports.BuildAsync(new ReportQuarter(2023, 1));
        var reportCards = new MajorProjectReportCards(Rules, new InvestBot.Common.OfficeClock(H.Time, H.Window.Zone)).Build(report);
        output.WriteLine($"report: {string.Join(", ", reportCards.Select(Card.Size))}");
        var unit = Cards.Overview((await H.Views.OverviewAsync(Admin, Units.Units[0], null)).View!);
        output.WriteLine($"overview of unit 0: {Card.Size(unit)}");
    }
}
