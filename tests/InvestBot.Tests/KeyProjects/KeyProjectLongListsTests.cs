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

/// <summary>
/// Every ledger card at a district's worst stays within what Teams accepts in one message (before: the overview weighed
/// 166 KB, the quarterly report's problem pages 36 KB), is valid 1.5, and says what it leaves out or cuts.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KeyProjectLongListsTests(WorstCaseLedger ledger) : IClassFixture<WorstCaseLedger>
{
    private static readonly KeyProjectCards Cards = new(Rules);
    private KeyProjectHarness H => ledger.H;

    private static void AssertSendable(IEnumerable<JObject> cards) => Assert.All(cards, card =>
    {
        Assert.InRange(Card.Size(card), 1, Card.MaxBytes);
        CardSchema.AssertValid(card);
    });

    private static string Shown(IEnumerable<JObject> cards) => string.Join("\n", cards.SelectMany(CardMarkdown.Of).Select(CardMarkdown.Shown));

    [Fact]
    public async Task The_districts_overview_goes_out_in_cards_teams_accepts_and_says_what_it_cuts_and_leaves_out()
    {
        var view = (await H.Views.OverviewAsync(Admin, null, null)).View!;

        var pages = Cards.Overview(view);

        AssertSendable(pages);
        Assert.InRange(pages.Count, 2, 8);
        Assert.Equal(Enumerable.Range(1, pages.Count).Select(n => $"全区项目台账（2023年3月检查）（{n}/{pages.Count}）"),
            pages.Select(p => p["body"]![0]!.Value<string>("text")));
        var shown = Shown(pages);
        Assert.Contains("300 个（重大 60，重点 0，待认定 240）", shown);
        // Each list names its first 30 and counts the rest; the project table too.
        Assert.Equal(2, CountOf(shown, KeyProjectTexts.MoreListed(WorstCaseLedger.ProjectCount - KeyProjectCards.MaxListed, filtered: false)));
        Assert.Contains(KeyProjectTexts.MoreListed(view.Findings.Count - KeyProjectCards.MaxListed, filtered: false), shown);
        Assert.Contains(KeyProjectTexts.MoreProjects(WorstCaseLedger.ProjectCount - KeyProjectCards.MaxListed, filtered: false), shown);
        Assert.Contains("重点项目 单位名称", shown);
        // Problems and findings are quoted to 100 characters with “…”, and the card says where the whole text is.
        var first = view.Projects[0];
        Assert.Contains($"{first.Unit.Name} · {first.Project.Name}：{first.ThisMonth!.Problems[..KeyProjectCards.QuotedProblemLength]}…\n", shown);
        Assert.DoesNotContain(first.ThisMonth.Problems[..(KeyProjectCards.QuotedProblemLength + 1)], shown);
        Assert.Equal(2, CountOf(shown, KeyProjectTexts.QuotedProblems(KeyProjectCards.QuotedProblemLength)));
        Assert.Equal(2 * KeyProjectCards.MaxListed, CountOf(shown + "\n", "…\n"));
        // Every unit is in the 按单位 table, none dropped.
        var unitRows = pages.SelectMany(p => p.SelectTokens("$..[?(@.type == 'Table')]"))
            .Where(t => t.SelectToken("rows[0].cells[0].items[0].text")!.ToString() == "单位")
            .SelectMany(t => t["rows"]!.Skip(1).Select(r => r.SelectToken("cells[0].items[0].text")!.ToString())).ToList();
        Assert.Equal(view.ByUnit.Select(u => u.Unit.Name), unitRows);
        Assert.Equal(WorstCaseLedger.UnitCount, unitRows.Count);
        // The picker and its buttons come last, together; it holds what fits and says where the others are.
        Assert.All(pages.SkipLast(1), p => Assert.Null(p.SelectToken("$..[?(@.id == 'pick')]")));
        var last = pages[^1];
        var choices = last.SelectTokens("$..[?(@.id == 'pick')].choices[*].value").Select(t => t.ToString()).ToList();
        Assert.Equal(view.Projects.Take(choices.Count).Select(s => s.Unit.Id + "/" + s.Project.Id), choices);
        Assert.InRange(choices.Count, 20, WorstCaseLedger.ProjectCount - 1);
        Assert.Contains(KeyProjectTexts.PickerPartial(choices.Count, WorstCaseLedger.ProjectCount, filtered: false), shown);
        Assert.Single(last.SelectTokens($"$..actions[?(@.verb == '{KeyProjectCards.ViewVerb}')]"));
        Assert.Single(pages.SelectMany(p => p.SelectTokens($"$..actions[?(@.verb == '{KeyProjectCards.OpenVerb}')]")));
        Assert.NotNull(last.SelectToken($"actions[?(@.verb == '{KeyProjectCards.OpenVerb}')]"));
    }

    [Fact]
    public async Task One_units_overview_fits_and_its_picker_holds_all_its_projects()
    {
        var view = (await H.Views.OverviewAsync(Admin, Units.Units[0], null)).View!;

        var pages = Cards.Overview(view);

        AssertSendable(pages);
        var shown = Shown(pages);
        Assert.Equal(WorstCaseLedger.BiggestUnit, pages[^1].SelectTokens("$..[?(@.id == 'pick')].choices[*]").Count());
        Assert.Contains(KeyProjectTexts.MoreProjects(WorstCaseLedger.BiggestUnit - KeyProjectCards.MaxListed, filtered: true), shown);
        Assert.DoesNotContain("重点项目 单位名称", shown); // already one unit: the export is where the rest are
    }

    [Fact]
    public async Task A_units_long_list_is_one_card_that_counts_the_projects_it_leaves_out()
    {
        var mine = Cards.Mine((await H.Views.MineAsync(Admin, Units.Units[0])).View!);

        AssertSendable([mine]);
        var listed = mine.SelectTokens($"$..actions[?(@.verb == '{KeyProjectCards.ViewVerb}')]").Count();
        Assert.InRange(listed, 10, KeyProjectCards.MaxListed - 1); // thirty of them made 30 KB
        Assert.Equal(listed, mine.SelectTokens($"$..actions[?(@.verb == '{KeyProjectCards.ProgressOpenVerb}')]").Count());
        Assert.Contains(KeyProjectTexts.MineMore(WorstCaseLedger.BiggestUnit - listed), Shown([mine]));
        Assert.Contains("还没有到", Shown([mine])); // the date warnings that made it heavy are there
    }

    [Fact]
    public async Task The_busiest_projects_card_keeps_every_problem_and_finding_whole()
    {
        var detail = Done(await H.Service.DetailAsync(Admin, ledger.Busiest.UnitId, ledger.Busiest.Id));

        var card = Cards.Detail(detail, KeyProjectTexts.FindingRecorded("上级检查", detail.Status.Month), H.Window.Zone);

        AssertSendable([card]);
        var shown = Shown([card]);
        Assert.Equal(3, detail.Updates.Count);
        Assert.All(detail.Updates, u => Assert.Contains(u.Problems, shown));
        Assert.Equal(5, detail.Findings.Count);
        Assert.All(detail.Findings, f => Assert.Contains(f.Text, shown));
    }

    [Fact]
    public async Task The_quarterly_report_of_sixty_major_projects_with_long_problems_fits_and_keeps_them_whole()
    {
        var report = await H.Reports.BuildAsync(new ReportQuarter(2023, 1));

        var cards = new MajorProjectReportCards(Rules, new InvestBot.Common.OfficeClock(H.Time, H.Window.Zone)).Build(report);

        AssertSendable(cards);
        Assert.Equal(60, report.WithProblems.Count());
        var shown = Shown(cards);
        Assert.All(report.WithProblems, p => Assert.Contains($"{p.UnitName} · {p.Name}（{p.ProblemsMonth}）：{p.Problems}", shown));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}

/// <summary>重点项目 over a ledger too long for one message, through the real endpoint: several messages, and 查看项目 on the last one opens the project picked.</summary>
[Trait("Category", "Http")]
public sealed class KeyProjectLongOverviewHttpTests : KeyProjectBotTestBase
{
    [Fact]
    public async Task A_long_overview_comes_as_several_messages_and_its_picker_still_opens_a_project()
    {
        var admin = new InvestBot.Access.UserIdentity(BotApp.AdminAadId, "合作办管理员");
        var service = App.Service<KeyProjectService>();
        var units = Units.Units.Take(10).ToList();
        foreach (var batch in Enumerable.Range(0, 70).Chunk(10))
            await Task.WhenAll(batch.Select(async i => Done(await service.RegisterAsync(admin, units[i % units.Count].Id, ProjectIds.New(),
                DetailInputs(name: $"{i:D2}" + string.Concat(Enumerable.Repeat("宝坻区智能装备产业园新能源汽车零部件", 3))[..48])))));

        var replies = await Bot.SayAsync("重点项目", TestUser.Admin);
        var pages = replies.SelectMany(BotClient.Cards).ToList();
        var last = pages[^1];
        var choices = last.SelectTokens("$..[?(@.id == 'pick')].choices[*]").ToList();
        var picked = choices[^1];
        var viewed = await Bot.ExecuteAsync(KeyProjectCards.ViewVerb,
            Submission(last, KeyProjectCards.ViewVerb, new Dictionary<string, string> { ["pick"] = picked.Value<string>("value")! }), TestUser.Admin);

        Assert.Equal(pages.Count, replies.Count); // one card to a message
        Assert.True(pages.Count > 1, $"{pages.Count} card(s)");
        Assert.All(pages, p => Assert.InRange(InvestBot.Teams.Cards.Card.Size(p), 1, InvestBot.Teams.Cards.Card.MaxBytes));
        Assert.InRange(choices.Count, 2, 69);
        Assert.Contains(KeyProjectTexts.PickerPartial(choices.Count, 70, filtered: false), BotClient.CardText(last));
        var detail = Assert.Single(viewed.Messages.SelectMany(BotClient.Cards));
        Assert.Contains(picked.Value<string>("title")!.Split(" · ")[1], BotClient.CardText(detail));
        Assert.Contains("已在新消息中打开", viewed.Message);
    }
}
