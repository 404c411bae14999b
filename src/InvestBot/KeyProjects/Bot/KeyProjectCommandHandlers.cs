using InvestBot.Common;
using InvestBot.Announcements;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.KeyProjects.Bot;

/// <summary>Turns a ledger outcome into what the user sees: a reply, or the card that replaces the pressed one.</summary>
public sealed class ProjectReplies(KeyProjectCards cards, OfficeClock clock)
{
    public (JObject? Card, string Text) Of(ProjectOutcome outcome) => outcome switch
    {
        ProjectOutcome.Form f => (cards.Form(f.Value), $"{f.Value.Unit.Name}项目登记"),
        ProjectOutcome.Progress p => (cards.ProgressForm(p.Value), $"{p.Value.Project.Name}{p.Value.Month.Label}进展"),
        ProjectOutcome.Finding f => (cards.FindingForm(f.Value), $"{f.Value.Project.Name}：记录检查发现的问题"),
        ProjectOutcome.Rectify r => (cards.RectifyForm(r.Value, clock.Zone), $"{r.Value.Project.Name}：标记整改完成"),
        ProjectOutcome.Done d => (cards.Detail(d.Detail, d.Message, clock.Zone, d.Conversions), d.Message.Length > 0 ? d.Message : d.Detail.Status.Project.Name),
        ProjectOutcome.Denied d => (null, d.Reason),
        _ => (null, KeyProjectTexts.StaleForm),
    };

    public Task SendAsync(MessageRequest request, ProjectOutcome outcome, CancellationToken ct)
    {
        var (card, text) = Of(outcome);
        // A reply without a card is markdown too: the text names the project as typed.
        return card is null ? request.SendTextAsync(CardText.Literal(text), ct) : request.SendAsync(Card.ToActivity(card, text), ct);
    }

    public CardActionResult ToResult(ProjectOutcome outcome)
    {
        var (card, text) = Of(outcome);
        return card is null ? CardActionResult.Say(CardText.Literal(text)) : CardActionResult.Replace(card);
    }
}

/// <summary>登记项目 (reporters: for their unit; admins: 登记项目 潮阳街道) — the registration form.</summary>
public sealed class RegisterProjectCommand(KeyProjectService service, UnitDirectory units, ProjectReplies replies) : ICommandHandler
{
    public bool Accepts(string args) => args.Length == 0 || units.FindByName(args) is not null;

    public async Task HandleAsync(CommandRequest request, CancellationToken ct) =>
        await replies.SendAsync(request, await service.OpenRegistrationAsync(request.User, units.FindByName(request.Args), ct), ct);
}

/// <summary>我的项目 — the bound unit's projects with this month's status, each with 更新进展.</summary>
public sealed class MyProjectsCommand(KeyProjectViews views, KeyProjectCards cards) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (view, denied) = await views.MineAsync(request.User, null, ct);
        if (view is null) await request.SendTextAsync(denied!, ct);
        else await request.SendAsync(Card.ToActivity(cards.Mine(view), $"{view.Unit.Name}的项目"), ct);
    }
}

/// <summary>重点项目 / 重点项目 潮阳街道 / 重点项目 2023-03 (admins) — the monthly check: stalled first, by stage, by unit.</summary>
public sealed class OverviewCommand(KeyProjectViews views, KeyProjectCards cards, UnitDirectory units, OfficeClock clock) : ICommandHandler
{
    /// <summary>A unit and/or a month may follow; 重点项目有哪些要求 is a question for the Q&amp;A.</summary>
    public bool Accepts(string args) => args.Length == 0 || MonthInText.Find(args, clock.Today).Found || units.FindByName(args) is not null
        || (units.FindMentions(args).Count == 1 && MonthInText.Find(args, clock.Today).Found);

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (named, month) = MonthInText.Find(request.Args, clock.Today);
        if (named && month is null)
        {
            await request.SendTextAsync(KeyProjectTexts.MonthInvalid, ct);
            return;
        }
        var unit = units.FindByName(request.Args) ?? units.FindMentions(request.Args).FirstOrDefault();
        var (view, denied) = await views.OverviewAsync(request.User, unit, month, ct);
        if (view is null) await request.SendTextAsync(denied!, ct);
        else
            // Each card its own message: a district's ledger is more than one message may carry.
            foreach (var page in cards.Overview(view))
                await request.SendAsync(Card.ToActivity(page, "项目台账月度检查"), ct);
    }
}

/// <summary>导出项目 / 导出项目 2023-03 (admins) — a signed link to the ledger workbook of the month checked.</summary>
public sealed class ExportProjectsCommand(ExportLinks links, KeyProjectService service, OfficeClock clock) : ICommandHandler
{
    public bool Accepts(string args) => args.Length == 0 || MonthInText.Find(args, clock.Today).Found;

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (named, month) = MonthInText.Find(request.Args, clock.Today);
        if (named && month is null)
        {
            await request.SendTextAsync(KeyProjectTexts.MonthInvalid, ct);
            return;
        }
        var m = month ?? service.CheckMonth;
        var (url, expires) = await links.CreateAsync(KeyProjectEndpoints.LedgerPath, m.Key, ct);
        await request.SendAsync(Card.ToActivity(Card.DownloadLink($"项目台账（{m.Label}）", url, clock.ToLocal(expires)), "项目台账导出"), ct);
    }
}

/// <summary>Reads the quarter after a command (default: the latest one that has ended) and says what is wrong with it.</summary>
public sealed class QuarterArgument(OfficeClock clock)
{
    public bool Accepts(string args) => args.Length == 0 || ReportQuarter.Find(args, clock.Today).Found;

    /// <returns>The quarter, or null after telling the user why not.</returns>
    public async Task<ReportQuarter?> ReadAsync(CommandRequest request, CancellationToken ct)
    {
        var (named, quarter) = ReportQuarter.Find(request.Args, clock.Today);
        var q = named ? quarter : ReportQuarter.LastEnded(clock.Today);
        if (q is null)
            await request.SendTextAsync(KeyProjectTexts.QuarterInvalid(request.Command.Name, ReportQuarter.LastEnded(clock.Today)), ct);
        else if (!q.Value.HasEnded(clock.Today))
        {
            await request.SendTextAsync(KeyProjectTexts.QuarterNotEnded(q.Value), ct);
            return null;
        }
        return q;
    }
}

/// <summary>
/// 发布项目通报 2023Q1 (admins, personal chat) — a private preview of the quarterly report with 确认发布 / 取消; for a quarter
/// already published, a fresh short-lived link to its latest 通报 (Word), for when the card's link has expired.
/// </summary>
public sealed class PublishReportCommand(MajorProjectPublisher publisher, MajorProjectReportCards reportCards, QuarterArgument quarters,
    OfficeClock clock, AnnouncementDocumentLinks documents) : ICommandHandler
{
    public bool Accepts(string args) => quarters.Accepts(args);

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (await quarters.ReadAsync(request, ct) is not { } quarter) return;
        var correction = request.Command.Name == KeyProjectCommands.Correct;
        var preview = await publisher.PreviewAsync(quarter, ct);
        var refusal = (correction, preview) switch
        {
            (false, { Published: { } published }) => KeyProjectTexts.ReportPublishedAt(quarter, clock.ToLocal(published.PublishedAt)),
            (false, { Empty: true }) => KeyProjectTexts.ReportEmpty(quarter),
            (true, { Published: null }) => KeyProjectTexts.ReportNothingToCorrect(quarter),
            (true, { Unchanged: true }) => KeyProjectTexts.ReportUnchanged(quarter),
            _ => null,
        };
        if (refusal is not null)
        {
            await request.SendTextAsync(refusal, ct);
            if (!correction && preview.Published is { } latest && documents.DocumentOf(latest.Kind) is not null)
            {
                var (url, expires) = await documents.ForAdminAsync(latest, "docx", ct);
                var title = KeyProjectTexts.ReportDownloadReady(latest.Title ?? latest.Id);
                await request.SendAsync(Card.ToActivity(Card.DownloadLink(title, url, clock.ToLocal(expires), KeyProjectTexts.DownloadReport), title), ct);
            }
            return;
        }
        if (preview.Subscribers == 0)
        {
            await request.SendTextAsync(KeyProjectTexts.NoSubscribers, ct);
            return;
        }
        foreach (var part in reportCards.Render(preview.Report))
            await request.SendAsync(Card.ToActivity(JObject.Parse(part.CardJson!), "预览：" + part.Text), ct);
        await request.SendAsync(Card.ToActivity(MajorProjectReportCards.Confirm(preview, quarter), $"确认发布{quarter.Label}通报"), ct);
    }
}

/// <summary>督查报告 2023Q1 (admins) — a signed link to the quarter's 督查报告 workbook for the leading group.</summary>
public sealed class SupervisionReportCommand(ExportLinks links, QuarterArgument quarters, OfficeClock clock) : ICommandHandler
{
    public bool Accepts(string args) => quarters.Accepts(args);

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (await quarters.ReadAsync(request, ct) is not { } quarter) return;
        var (word, expires) = await links.CreateAsync(KeyProjectEndpoints.SupervisionDocumentPath, quarter.Key, ct);
        var (book, _) = await links.CreateAsync(KeyProjectEndpoints.SupervisionPath, quarter.Key, ct);
        // The report itself is the Word document; the workbook is its annex (明细表).
        var title = $"{quarter.Label}重大招商项目督查报告";
        var card = Card.Create(
            [Card.Title(title), Card.Text("报告正文为 Word 文档（呈报区级招商引资工作领导小组各位领导），Excel 为附件明细表。", size: "Small"),
                Card.Text(BotTexts.LinkValidUntil(clock.ToLocal(expires)), isSubtle: true)],
            [
                new JObject { ["type"] = "Action.OpenUrl", ["title"] = "下载报告（Word）", ["url"] = word },
                new JObject { ["type"] = "Action.OpenUrl", ["title"] = "下载附件（Excel）", ["url"] = book },
            ],
            $"{title}：{word}");
        await request.SendAsync(Card.ToActivity(card, "督查报告"), ct);
    }
}
