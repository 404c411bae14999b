using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Announcements;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;
using static InvestBot.Tests.KeyProjects.KeyProjectHarness;

namespace InvestBot.Tests.KeyProjects;

/// <summary>The quarterly report's cards: within Teams' message size however many projects, valid 1.5, and what they say.</summary>
[Trait("Category", "Unit")]
public sealed class KeyProjectCardsTests
{
    private static readonly MajorProjectReportCards Cards = new(Rules, new InvestBot.Common.OfficeClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    private static MajorProjectReport Report(int projects) => new("2023Q1", "2023年第一季度", DateTimeOffset.Parse("2023-04-03T02:00:00Z"),
        [
            new StageLine("在谈", 0, [], [], []),
            new StageLine("开工", projects, [new Money("内资", "万元", 1000m * projects)], [new Money("内资", "万元", 10m * projects)],
                [new Money("内资", "万元", 100m * projects)]),
        ],
        Enumerable.Range(0, projects).Select(i => new ReportProject("town-chaoyang", "潮阳街道", ProjectIds.New(), $"第{i}个重大项目（智能装备产业链延链补链强链）",
            "内资", "万元", "智能装备产业链", "开工", 2, 1000, 10, 100, Stalled: i % 7 == 0, MonthsWithoutProgress: i % 7 == 0 ? 3 : 0, 3,
            i % 3 == 0 ? $"第{i}个项目的用地指标、供电线路和环评手续需要区有关部门协调解决" : "", i % 3 == 0 ? "2023年3月" : null)).ToList(),
        2, ["内资", "外资"]);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(120, 2)]
    public void A_long_report_is_split_into_cards_that_each_fit_a_teams_message(int projects, int atLeast)
    {
        var cards = Cards.Build(Report(projects));

        Assert.InRange(cards.Count, atLeast, 20);
        Assert.All(cards, c => Assert.True(Card.Size(c) <= MajorProjectReportCards.DefaultMaxCardBytes, $"card is {Card.Size(c)} bytes"));
        Assert.All(cards, c => CardSchema.AssertValid(c));
        var text = string.Join("\n", cards.Select(c => Infrastructure.BotClient.CardText(c)));
        Assert.Equal(projects, Enumerable.Range(0, projects).Count(i => text.Contains($"第{i}个重大项目")));
        if (cards.Count > 1) Assert.Contains($"2023年第一季度重大招商项目推进情况通报（2/{cards.Count}）", text);
        Assert.Contains("依据（二十六）“每季度通报重大招商项目推进情况”", text);
        Assert.Contains("区合作交流办设定", text);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(120)]
    public void The_download_button_is_on_the_last_card_only_and_every_card_still_fits(int projects)
    {
        var url = "https://investbot.example.gov.cn/api/keyprojects/report/kp-2023Q1.r0.docx?exp=1696291200&sig=" + new string('x', 43);

        var cards = Cards.Build(Report(projects), url);

        Assert.All(cards, c => Assert.True(Card.Size(c) <= Card.MaxBytes, $"card is {Card.Size(c)} bytes"));
        Assert.All(cards, c => CardSchema.AssertValid(c));
        var buttons = cards.Select(c => c.SelectTokens("$..actions[?(@.type == 'Action.OpenUrl')]").Select(a => (a.Value<string>("title"), a.Value<string>("url"))).ToList()).ToList();
        Assert.Equal((KeyProjectTexts.DownloadReport, url), Assert.Single(buttons[^1]));
        Assert.All(buttons.SkipLast(1), Assert.Empty);
        Assert.All(Cards.Build(Report(projects)), c => Assert.Empty(c.SelectTokens("$..actions[?(@.type == 'Action.OpenUrl')]"))); // the preview has none
    }

    [Fact]
    public void The_word_document_lists_every_project_of_a_long_report_and_marks_a_correction()
    {
        var word = new MajorProjectReportWord(new MajorProjectReportSections(Rules), Rules,
            new InvestBot.Common.OfficeClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

        var doc = Ranking.RankingBulletinTests.ReadWord(word.Build(Report(120) with { Revision = 2 }));

        Assert.Equal(KeyProjectTexts.CorrectionMark, doc.Paragraphs[0]);
        Assert.Equal("区合作交流办　　2023年4月3日", doc.Paragraphs[2]);
        Assert.Contains(KeyProjectTexts.ReportCorrectionNote("2023年第一季度", 2), doc.Paragraphs);
        var annex = doc.Tables.Single(t => t[0].Contains("项目名称"));
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"第{i}个重大项目（智能装备产业链延链补链强链）"), annex.Skip(1).Select(r => r[2]));
        Assert.Contains(doc.Paragraphs, p => p.StartsWith("连续 2 个月以上无进展", StringComparison.Ordinal) && p.Contains("重大项目 18 个"));
        Assert.Equal("重大招商项目推进情况通报-2023Q1-更正2.docx", MajorProjectReportWord.FileName(Report(1) with { Revision = 2 }));
    }

    [Fact]
    public async Task The_stored_snapshot_renders_as_the_report_and_other_kinds_do_not()
    {
        var report = Report(3);
        var record = new AnnouncementRecord("kp-2023Q1.r0", MajorProjectPublisher.Kind, "admin", "王主任", report.GeneratedAt,
            Title: MajorProjectPublisher.Title(report), Snapshot: System.Text.Json.JsonSerializer.Serialize(report));

        var messages = (await Cards.RenderAsync(record, CancellationToken.None))!;
        var ranking = await Cards.RenderAsync(record with { Kind = "ranking", Snapshot = null }, CancellationToken.None);

        Assert.Equal("2023年第一季度重大招商项目推进情况通报", Assert.Single(messages).Text);
        Assert.Contains("第2个重大项目", JObject.Parse(messages[0].CardJson!).ToString());
        Assert.Null(ranking);
        Assert.Equal("2023年第一季度重大招商项目推进情况通报", Cards.Title(record));
    }
}
