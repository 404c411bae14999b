using System.Globalization;
using InvestBot.Common;
using InvestBot.Announcements;
using InvestBot.Teams.Cards;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace InvestBot.KeyProjects.Bot;

/// <summary>
/// The 重大招商项目推进情况通报 as Adaptive Cards: per stage (projects, planned investment, arrived in the quarter and to date),
/// the open problems, the stalled projects and every project. Split into several cards when it would not fit one Teams message.
/// It is also the announcement kind the shared delivery renders for this capability.
/// </summary>
/// <param name="links">The signed links to the published 通报 (Word); null where no document goes with the cards (unit tests).</param>
public sealed class MajorProjectReportCards(KeyProjectRules rules, OfficeClock clock, int maxCardBytes = MajorProjectReportCards.DefaultMaxCardBytes,
    AnnouncementDocumentLinks? links = null) : IAnnouncementKind
{
    public const int DefaultMaxCardBytes = Card.MaxBytes;
    public const string ConfirmVerb = "keyprojects.report.publish";
    public const string CancelVerb = "keyprojects.report.cancel";

    public string Kind => MajorProjectPublisher.Kind;

    public string Title(AnnouncementRecord announcement) => announcement.Title ?? announcement.Id;

    /// <summary>Every conversation gets the same 下载通报 link: the announcement's own document, expiring a fixed time after publication.</summary>
    public async Task<IReadOnlyList<OutgoingMessage>?> RenderAsync(AnnouncementRecord announcement, CancellationToken ct) =>
        MajorProjectPublisher.Read(announcement) is { } report
            ? Render(report, links is null ? null : await links.ForCardAsync(announcement, ct))
            : null;

    /// <param name="downloadUrl">The signed link to the published 通报 (Word); null in the admin's preview, before there is one.</param>
    public IReadOnlyList<OutgoingMessage> Render(MajorProjectReport report, string? downloadUrl = null)
    {
        var title = MajorProjectPublisher.Title(report);
        var cards = Build(report, downloadUrl);
        return cards.Select((c, i) => new OutgoingMessage(c.ToString(Formatting.None), cards.Count == 1 ? title : $"{title}（{i + 1}/{cards.Count}）")).ToList();
    }

    public IReadOnlyList<JObject> Build(MajorProjectReport report, string? downloadUrl = null)
    {
        var blocks = new List<IReadOnlyList<JObject>>
        {
            new List<JObject>
            {
                Card.Text($"区合作交流办 · {clock.ToLocal(report.GeneratedAt):yyyy年M月d日}发布 · 依据{rules.Describe(rules.Articles["quarterlyReport"])}",
                    size: "Small", isSubtle: true, spacing: "None"),
                Card.Facts(
                [
                    ("重大项目", $"{report.Projects.Count} 个"),
                    ("计划总投资", KeyProjectWorkbooks.Amounts(report.Sum(l => l.Plan))),
                    ("本季度到位", KeyProjectWorkbooks.Amounts(report.Sum(l => l.ArrivedInQuarter))),
                    ("累计到位", KeyProjectWorkbooks.Amounts(report.Sum(l => l.ArrivedToDate))),
                    ("停滞项目", $"{report.Stalled.Count()} 个"),
                    ("需协调问题", $"{report.WithProblems.Count()} 项"),
                ]),
            },
            new List<JObject>
            {
                Card.Heading("分阶段推进情况"),
                // Projects by stage as a donut where charts are drawn; the stage table below says the same where not.
                Charts.Donut("重大项目分阶段个数", report.ByStage.Select(l => new ChartPoint(l.StageName, l.Projects)),
                    Card.Text(string.Join("  ", report.ByStage.Select(l => $"{l.StageName} {l.Projects} 个")), size: "Small")),
                KeyProjectCards.Table(["阶段", "项目", "计划总投资", "累计到位", "本季度到位"], report.ByStage.Select(l => new[]
                {
                    l.StageName, l.Projects.ToString(CultureInfo.InvariantCulture), Amounts(l.Plan), Amounts(l.ArrivedToDate), Amounts(l.ArrivedInQuarter),
                })),
            },
        };
        blocks.AddRange(ListBlocks("需协调解决的问题", report.WithProblems.Select(p => $"{p.UnitName} · {CardText.Literal(p.Name)}（{p.ProblemsMonth}）：{CardText.Literal(p.Problems)}").ToList(), "Warning"));
        blocks.AddRange(ListBlocks("停滞项目", report.Stalled.Select(p => $"⚠ {p.UnitName} · {CardText.Literal(p.Name)}（{p.StageName}，连续{p.MonthsWithoutProgress}个月无进展）").ToList(), "Attention"));
        // The project table, in chunks so that one chunk always fits a card.
        var chunks = report.Projects.Chunk(15).ToList();
        for (var i = 0; i < chunks.Count; i++)
            blocks.Add([Card.Heading(i == 0 ? $"重大项目（{report.Projects.Count}）" : "重大项目（续）"),
                KeyProjectCards.Table(["项目", "单位", "阶段", "累计到位/计划", "本季度到位"], chunks[i].Select(p => new[]
                {
                    (p.Stalled ? "⚠ " : "") + CardText.Literal(p.Name), p.UnitName, p.StageName,
                    $"{ProjectValidator.Format(p.ArrivedToDate)}/{ProjectValidator.Format(p.TotalInvestment)} {p.Unit}", $"{ProjectValidator.Format(p.ArrivedInQuarter)} {p.Unit}",
                }))]);
        var notes = Card.Text($"说明：计划总投资为各项目登记的总投资，内资按万元、外资按万美元分别统计；停滞指连续{report.StalledMonths}个月阶段未推进且无投资到位（区合作交流办设定）。督查报告（Excel）由区合作交流办呈报区级招商引资工作领导小组各位领导。",
            size: "Small", isSubtle: true, separator: true);
        // 下载通报 in the last card's body, so the page budget counts it: the 通报 in Word, as published, for filing.
        blocks.Add(downloadUrl is null ? [notes]
            : [notes, Card.ActionSet([new JObject { ["type"] = "Action.OpenUrl", ["title"] = KeyProjectTexts.DownloadReport, ["url"] = downloadUrl }])]);
        var title = MajorProjectPublisher.Title(report);
        return Card.Pages(blocks, maxCardBytes, Card.PageTitle(title), title);
    }

    /// <summary>
    /// A headed list, in blocks of 5 lines so that no block outgrows a card: a problem is at most 500 characters, which
    /// markdown escaping and JSON can make 2 KB (20 such lines made 36 KB cards).
    /// </summary>
    private static IEnumerable<IReadOnlyList<JObject>> ListBlocks(string heading, IReadOnlyList<string> lines, string color)
    {
        if (lines.Count == 0)
        {
            yield return [Card.Heading($"{heading}（0）"), Card.Text("无")];
            yield break;
        }
        var chunks = lines.Chunk(5).ToList();
        for (var i = 0; i < chunks.Count; i++)
            yield return [Card.Heading(i == 0 ? $"{heading}（{lines.Count}）" : $"{heading}（续）"), Card.Text(string.Join("\n\n", chunks[i]), color: color)];
    }

    public static JObject Confirm(ReportPreview preview, ReportQuarter quarter)
    {
        var data = new ReportPayload(quarter.Key, preview.NextRevision).ToData();
        return Card.Create(
            [
                Card.Title($"确认发布：{MajorProjectPublisher.Title(preview.Report)}"),
                Card.Text(preview.NextRevision > 0
                    ? $"以上为更正预览，只有您能看到。确认后将作为第 {preview.NextRevision} 次更正，按确认时的台账发送到所有订阅通报的群聊和频道。"
                    : "以上为预览，只有您能看到。确认后将按确认时的台账生成通报，发送到所有订阅通报的群聊和频道；每个季度只发布一次，之后如有错误可“更正项目通报”。"),
                Card.Facts([("接收会话", $"{preview.Subscribers} 个"), ("重大项目", $"{preview.Report.Projects.Count} 个")]),
            ],
            [Card.Execute("确认发布", ConfirmVerb, data, style: "positive"), Card.Execute("取消", CancelVerb, data)]);
    }

    public static JObject Cancelled(ReportQuarter quarter) =>
        Card.Create([Card.Title("已取消发布"), Card.Text($"{quarter.Label}重大招商项目推进情况通报未发送到任何会话。")]);

    public static JObject Started(AnnouncementRecord announcement) => Card.Create(
        [
            Card.Title($"正在发布：{announcement.Title}"),
            Card.Facts([("接收会话", $"{announcement.Total} 个")]),
            Card.Text("通报正在逐个送达各群聊和频道（遵守 Teams 的发送频率限制），全部完成后会私信通知您。", isSubtle: true, size: "Small"),
        ]);

    private static string Amounts(IReadOnlyList<Money> amounts) =>
        amounts.Count == 0 ? "—" : string.Join("；", amounts.Select(m => $"{ProjectValidator.Format(m.Amount)} {m.Unit}"));
}
