using System.Globalization;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.KeyProjects.Bot;

/// <summary>
/// The ledger's cards: the registration/edit form, the month's progress form, a project's card (also the receipt after a
/// change), 我的项目 and the admins' 重点项目 overview. Every button is Action.Execute; its data is a typed payload.
/// </summary>
public sealed class KeyProjectCards(KeyProjectRules rules)
{
    public const string RegisterVerb = "keyprojects.register";
    public const string EditOpenVerb = "keyprojects.edit.open";
    public const string EditVerb = "keyprojects.edit";
    public const string ProgressOpenVerb = "keyprojects.progress.open";
    public const string ProgressVerb = "keyprojects.progress";
    public const string MarkVerb = "keyprojects.mark";
    public const string ViewVerb = "keyprojects.view";
    public const string ListVerb = "keyprojects.list";
    public const string NewVerb = "keyprojects.new";
    public const string OpenVerb = "keyprojects.open";
    public const string FindingOpenVerb = "keyprojects.finding.open";
    public const string FindingVerb = "keyprojects.finding";
    public const string RectifyOpenVerb = "keyprojects.finding.rectify.open";
    public const string RectifyVerb = "keyprojects.finding.rectify";
    public const string ReopenVerb = "keyprojects.finding.reopen";

    /// <summary>How many findings a project's card lists (未整改 first), while the card stays within <see cref="Card.MaxBytes"/>.</summary>
    public const int MaxFindingsOnCard = 8;

    /// <summary>How many projects a list card shows in full; the rest are in the Excel export.</summary>
    public const int MaxListed = 30;

    public JObject Form(ProjectForm form)
    {
        var isNew = form.Revision == 0;
        var body = new List<JToken?>
        {
            Card.Title(isNew ? "登记项目" : "修改项目信息"),
            Card.Facts([("单位", form.Unit.Name)]),
            form.Notice is null ? null : Card.Text(CardText.Literal(form.Notice), color: form.Errors.Count > 0 ? "Attention" : "Default"),
            isNew ? Card.Text("登记后为待认定项目，由区合作交流办认定为重点或重大项目。", isSubtle: true, size: "Small") : null,
            Card.Text("投资额的单位：内资为万元，外资为万美元（与月度填报的到位额一致）；可写 1.5亿、8000万 或 80,000，保存时换算并显示换算结果。", isSubtle: true, size: "Small"),
        };
        void Add(JObject input)
        {
            var id = input.Value<string>("id")!;
            if (form.Inputs.TryGetValue(id, out var v) && v.Length > 0) input["value"] = v;
            body.Add(input);
            if (form.Errors.TryGetValue(id, out var error)) body.Add(Card.Text("⚠ " + CardText.Literal(error), color: "Attention", spacing: "None"));
        }
        Add(TextInput(ProjectFields.Name, "项目名称", $"不超过{rules.NameMaxLength}个字", required: true, maxLength: rules.NameMaxLength));
        Add(Choices(ProjectFields.Kind, "内资/外资", rules.Kinds.Select(k => (k.Name, k.Id))));
        // No client regex on amounts: 1.5亿 and 80,000 are read on the server, which says precisely what is wrong.
        Add(TextInput(ProjectFields.TotalInvestment, "计划总投资（内资万元 / 外资万美元）", "例如 50000、5亿 或 8000万", required: true));
        Add(Choices(ProjectFields.Chain, "产业方向（三十条措施第十至十三条）", rules.Chains.Select(c => (c.Name, c.Id))));
        var group = Choices(ProjectFields.Group, "协调推动组（第六条，可不选）", rules.Groups.Select(g => (g.Name, g.Id)));
        group["isRequired"] = false;
        group.Remove("errorMessage");
        Add(group);
        if (isNew) Add(Choices(ProjectFields.Stage, "目前阶段", rules.Stages.Select(s => (s.Name, s.Id))));
        Add(DateInput(ProjectFields.ExpectedStart, "预计开工日期（可不填）"));
        Add(DateInput(ProjectFields.ExpectedOperation, "预计投产日期（可不填）"));
        Add(TextInput(ProjectFields.Contact, "项目联系人", "姓名", required: true, maxLength: ProjectValidator.ContactMaxLength));
        Add(TextInput(ProjectFields.ContactPhone, "联系电话", "例如 022-12345678", required: true, maxLength: 20));
        var action = isNew
            ? Card.Execute("登记", RegisterVerb, new RegisterPayload(form.Unit.Id, form.ProjectId).ToData(), style: "positive")
            : Card.Execute("保存", EditVerb, new EditPayload(form.Unit.Id, form.ProjectId, form.Revision).ToData(), style: "positive");
        return Card.Create(body, [action], $"{form.Unit.Name}{(isNew ? "登记项目" : "修改项目信息")}");
    }

    public JObject ProgressForm(ProgressForm form)
    {
        var p = form.Project;
        var kind = rules.Kind(p.Details.Kind)!;
        var body = new List<JToken?>
        {
            Card.Title("更新项目进展"),
            Card.Facts(
            [
                ("项目", CardText.Literal(p.Name)),
                ("单位", form.Unit.Name),
                ("月份", form.Month.Label),
                ("截止", form.Late ? $"{KeyProjectTexts.Day(form.Deadline)}（已过）" : KeyProjectTexts.Day(form.Deadline)),
                ("当前阶段", StageName(p.Stage)),
                ("计划总投资", Money(p.Details.TotalInvestment, kind.Unit)),
                ("累计到位", Money(p.ArrivedTotal, kind.Unit)),
            ]),
            form.Late ? Card.Text(KeyProjectTexts.LateUpdate(form.Month, form.Deadline), color: "Warning") : null,
            form.Notice is null ? null : Card.Text(CardText.Literal(form.Notice), color: form.Errors.Count > 0 || form.Notice.Contains("尚未保存") ? "Attention" : "Default"),
        };
        void Add(JObject input)
        {
            var id = input.Value<string>("id")!;
            if (form.Inputs.TryGetValue(id, out var v) && v.Length > 0) input["value"] = v;
            body.Add(input);
            if (form.Errors.TryGetValue(id, out var error)) body.Add(Card.Text("⚠ " + CardText.Literal(error), color: "Attention", spacing: "None"));
        }
        Add(Choices(ProjectFields.Stage, "本月末所处阶段", rules.Stages.Select(s => (s.Name, s.Id))));
        Add(TextInput(ProjectFields.Arrived, $"本月到位投资（{kind.Unit}）", "没有请填 0；可写 800万 或 1,200", required: true));
        var problems = TextInput(ProjectFields.Problems, "问题及需协调事项（没有可不填）", "例如：用地指标待协调", required: false, maxLength: rules.ProblemsMaxLength);
        problems["isMultiline"] = true;
        Add(problems);
        var data = new ProjectProgressPayload(form.Unit.Id, p.Id, form.Month.Key, p.Revision).ToData();
        return Card.Create(body, [Card.Execute("提交", ProgressVerb, data, style: "positive")], $"{p.Name}{form.Month.Label}进展");
    }

    /// <summary>A project's card; after a change it starts with what was saved (<paramref name="message"/>) and how amounts were read.</summary>
    public JObject Detail(ProjectDetail detail, string message, TimeZoneInfo zone, IReadOnlyList<string>? conversions = null)
    {
        var s = detail.Status;
        var p = s.Project;
        var kind = rules.Kind(p.Details.Kind);
        var unit = kind?.Unit ?? "";
        var facts = new List<(string, string)>
        {
            ("单位", s.Unit.Name),
            ("内资/外资", kind?.Name ?? p.Details.Kind),
            ("级别", rules.LevelName(p.Level)),
            ("产业方向", rules.Chain(p.Details.Chain)?.Name ?? p.Details.Chain),
            ("协调推动组", rules.GroupName(p.Details.CoordinationGroup)),
            ("阶段", StageName(p.Stage)),
            ("计划总投资", Money(p.Details.TotalInvestment, unit)),
            ("累计到位", Money(p.ArrivedTotal, unit) + Rate(p.ArrivedTotal, p.Details.TotalInvestment)),
            ($"{s.Month.Label}进展", s.ThisMonth is null ? "未更新" : $"已更新{(s.ThisMonth.Late ? "（逾期）" : "")}：{WhatHappened(s.ThisMonth, unit)}"),
            // From the stored updates, so it never names a month without one; the registration is said as such.
            ("最近一次进展", detail.Updates.Where(u => ProjectProgress.IsProgress(u, rules)).MaxBy(u => u.Month) is { } last
                ? $"{last.Month.Label}（{WhatHappened(last, unit)}）" : KeyProjectTexts.NoProgressSince(p.RegisteredMonth)),
            ("预计开工 / 投产", $"{Day(p.Details.ExpectedStart)} / {Day(p.Details.ExpectedOperation)}"),
            ("联系人", CardText.Literal($"{p.Details.Contact} {p.Details.ContactPhone}")),
        };
        var body = new List<JToken?>
        {
            message.Length > 0 ? Card.Text("✅ " + CardText.Literal(message), weight: "Bolder", color: message.StartsWith("这") ? "Warning" : "Good") : null,
            Card.Title(CardText.Literal(p.Name)),
            conversions is { Count: > 0 } ? Card.Text("换算：\n" + string.Join("\n", conversions.Select(c => "- " + CardText.Literal(c))), size: "Small") : null,
            s.Stalled ? Card.Text($"⚠ 停滞：已连续 {s.MonthsWithoutProgress} 个月无进展（{rules.StalledMonths}个月无进展即列为停滞，区合作交流办设定）", color: "Attention", weight: "Bolder") : null,
            s.DateConflict is { } conflict ? Card.Text(conflict, color: "Warning", weight: "Bolder") : null,
            Card.Facts(facts),
            p.Problems.Length > 0 ? Card.Text("问题及需协调事项（单位报送）：" + CardText.Literal(p.Problems), color: "Warning") : null,
        };
        // The findings go in last, as many as fit beside everything else (see FitFindings).
        var findingsAt = body.Count;
        var recent = detail.Updates.OrderByDescending(u => u.Month).Take(3).ToList();
        if (recent.Count > 0)
        {
            body.Add(Card.Text("近期进展", weight: "Bolder", spacing: "Medium"));
            body.Add(Card.Text(string.Join("\n\n", recent.Select(u =>
                $"{u.Month.Label}：{StageName(u.StageBefore)}→{StageName(u.Stage)}，到位 {Money(u.Arrived, unit)}" +
                (u.Problems.Length > 0 ? $"；{CardText.Literal(u.Problems)}" : "") + $"（{CardText.Literal(u.ByName ?? "填报人")} {TimeZoneInfo.ConvertTime(u.At, zone):M月d日}）")), size: "Small"));
        }
        var reference = new ProjectRefPayload(p.UnitId, p.Id).ToData();
        // 督查 users change nothing on a project; what their checks found they record beside it.
        if (detail.ViewerReadsOnly)
        {
            List<JToken> readerActions = [Card.Execute("记录检查问题", FindingOpenVerb, reference)];
            FitFindings(body, findingsAt, readerActions, detail, zone);
            return Card.Create(body, readerActions, p.Name);
        }
        var actions = new List<JToken>
        {
            Card.Execute("更新进展", ProgressOpenVerb, reference, style: "positive"),
            Card.Execute("修改信息", EditOpenVerb, reference),
        };
        if (detail.ViewerIsAdmin)
        {
            body.Add(Card.ActionSet(rules.Levels.Where(l => l.Id != p.Level)
                .Select(l => Card.Execute($"认定为{l.Name}", MarkVerb, new MarkPayload(p.UnitId, p.Id, p.Revision, l.Id).ToData()))
                .Concat(p.Level.Length > 0 ? [Card.Execute("取消认定", MarkVerb, new MarkPayload(p.UnitId, p.Id, p.Revision, "none").ToData())] : [])
                .Append(Card.Execute("记录检查问题", FindingOpenVerb, reference))));
        }
        else
        {
            actions.Add(Card.Execute("我的项目", ListVerb));
        }
        FitFindings(body, findingsAt, actions, detail, zone);
        return Card.Create(body, actions, p.Name);
    }

    /// <summary>
    /// The check findings with their 整改 state — 未整改 first, newest first — each with 整改完成 or 重新打开 for admins and 督查
    /// users; as many as keep the card within <see cref="Card.MaxBytes"/>, the rest counted.
    /// </summary>
    private void FitFindings(List<JToken?> body, int at, IReadOnlyList<JToken> actions, ProjectDetail detail, TimeZoneInfo zone)
    {
        if (detail.Findings.Count == 0) return;
        var ordered = detail.Findings.Where(f => f.IsOpen).OrderByDescending(f => f.At)
            .Concat(detail.Findings.Where(f => !f.IsOpen).OrderByDescending(f => f.Rectified!.At)).ToList();
        var open = ordered.Count(f => f.IsOpen);
        body.Insert(at++, Card.Text($"上级和本级检查发现的问题（{KeyProjectTexts.Open} {open} 条，{KeyProjectTexts.Closed} {ordered.Count - open} 条）",
            weight: "Bolder", spacing: "Medium"));
        body.Insert(at++, Card.Text(KeyProjectTexts.RectificationBasis, size: "Small", isSubtle: true, spacing: "None"));
        var listed = 0;
        foreach (var f in ordered.Take(MaxFindingsOnCard))
        {
            body.Insert(at, FindingBlock(f, detail.ViewerChecks, zone));
            if (Card.Size(Card.Create(body, actions)) > Card.MaxBytes - 400)
            {
                body.RemoveAt(at);
                break;
            }
            at++;
            listed++;
        }
        if (ordered.Count > listed)
            body.Insert(at, Card.Text(KeyProjectTexts.MoreFindings(ordered.Count - listed, ordered.Skip(listed).Count(f => f.IsOpen)), size: "Small", isSubtle: true));
    }

    private static JObject FindingBlock(CheckFinding f, bool viewerChecks, TimeZoneInfo zone)
    {
        var state = f.Rectified is { } r
            ? KeyProjectTexts.RectifiedState(LocalDay(r.At, zone), r.ByName is null ? null : CardText.Literal(r.ByName), CardText.Literal(r.Note))
            : KeyProjectTexts.Open;
        var payload = new FindingStatePayload(f.UnitId, f.ProjectId, f.Id, f.Revision).ToData();
        return Card.Container(
        [
            Card.Text($"【{f.SourceName}】{CardText.Literal(f.Text)}（{f.Month.Label}检查 · {CardText.Literal(f.ByName ?? "管理员")} {TimeZoneInfo.ConvertTime(f.At, zone):M月d日}）",
                size: "Small", color: f.IsOpen ? "Attention" : null),
            Card.Text(state, size: "Small", weight: f.IsOpen ? "Bolder" : null, color: f.IsOpen ? "Attention" : "Good", spacing: "None"),
            viewerChecks
                ? Card.ActionSet([f.IsOpen ? Card.Execute("整改完成", RectifyOpenVerb, payload, style: "positive") : Card.Execute("重新打开", ReopenVerb, payload)])
                : null,
        ], separator: true);
    }

    private static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public JObject Mine(UnitProjects view)
    {
        var body = new List<JToken?>
        {
            Card.Title($"{view.Unit.Name}的项目"),
            Card.Text(view.Projects.Count == 0
                ? "还没有登记项目。点击“登记新项目”开始。"
                : KeyProjectTexts.MineSummary(view.Projects.Count, view.Month, view.Missing, view.Deadline, view.Today),
                color: view.Missing > 0 ? "Warning" : "Default"),
        };
        var actions = new[] { Card.Execute("登记新项目", NewVerb, new NewProjectPayload(view.Unit.Id).ToData()) };
        // One card (it replaces itself and goes out as the reminder): projects while they fit, the rest counted. The
        // reserve keeps room for that line.
        var listed = 0;
        foreach (var s in view.Projects.Take(MaxListed))
        {
            var p = s.Project;
            var unit = rules.Kind(p.Details.Kind)?.Unit ?? "";
            var state = s.ThisMonth is not null ? $"{view.Month.Month}月进展已更新" : p.Stage == rules.FinalStage.Id ? "已投产" : $"{view.Month.Month}月进展未更新";
            var reference = new ProjectRefPayload(p.UnitId, p.Id).ToData();
            body.Add(Card.Container(
            [
                Card.Text($"{(s.Stalled ? "⚠ " : "")}{CardText.Literal(p.Name)}", weight: "Bolder"),
                Card.Text($"{rules.LevelName(p.Level)} · {StageName(p.Stage)} · 到位 {Money(p.ArrivedTotal, unit)} / {Money(p.Details.TotalInvestment, unit)} · {state}" +
                    (s.Stalled ? $" · 停滞{s.MonthsWithoutProgress}个月" : ""), size: "Small", isSubtle: !s.Stalled, color: s.Stalled ? "Attention" : null, spacing: "None"),
                s.DateConflict is { } conflict ? Card.Text(conflict, size: "Small", color: "Warning", spacing: "None") : null,
                Card.ActionSet([Card.Execute(s.ThisMonth is null ? "更新进展" : "修改进展", ProgressOpenVerb, reference), Card.Execute("查看", ViewVerb, reference)]),
            ], separator: true));
            if (Card.Size(Card.Create(body, actions)) > Card.MaxBytes - 400)
            {
                body.RemoveAt(body.Count - 1);
                break;
            }
            listed++;
        }
        if (view.Projects.Count > listed)
            body.Add(Card.Text(KeyProjectTexts.MineMore(view.Projects.Count - listed), isSubtle: true));
        return Card.Create(body, actions, $"{view.Unit.Name}的项目");
    }

    /// <summary>How many characters of a problem or finding the overview quotes; the project's card and the export have it whole.</summary>
    public const int QuotedProblemLength = 100;

    /// <summary>What the 查看项目 picker's choices may weigh, so that they and the buttons fit the last card.</summary>
    public const int PickerMaxBytes = 14 * 1024;

    /// <summary>
    /// The monthly check (重点项目), in as many cards as Teams accepts — one for a small ledger; a district's 300 projects with
    /// long problems made a 160 KB card. Each list shows at most <see cref="MaxListed"/> entries and says how many more there
    /// are; problems and findings are quoted to <see cref="QuotedProblemLength"/> characters. The 查看项目 picker and the
    /// buttons come last, together.
    /// </summary>
    public IReadOnlyList<JObject> Overview(ProjectOverview view)
    {
        var projects = view.Projects;
        // The ledger holds 待认定 projects too: its title does not call them all 重点.
        var title = view.Filter is null ? $"全区项目台账（{view.Month.Label}检查）" : $"{view.Filter.Name}项目台账（{view.Month.Label}检查）";
        var summary = new List<JObject>
        {
            Card.Text($"依据{rules.Describe(rules.Articles["monthlyCheck"])}", size: "Small", isSubtle: true, spacing: "None"),
            Card.Facts(
            [
                ("项目", $"{projects.Count} 个（重大 {projects.Count(s => s.Project.Level == KeyProjectRules.MajorLevel)}，重点 {projects.Count(s => s.Project.Level == KeyProjectRules.KeyLevel)}，待认定 {projects.Count(s => s.Project.Level.Length == 0)}）"),
                ($"{view.Month.Month}月进展已更新", $"{projects.Count(s => s.ThisMonth is not null)} 个"),
                ("停滞", $"{view.Stalled.Count()} 个"),
            ]),
        };
        if (projects.Count == 0)
            return [Card.Create(summary.Prepend(Card.Title(title)).Append(Card.Text("还没有单位登记项目。各单位填报人发送“登记项目”即可登记。")), fallbackText: title)];
        var blocks = new List<IReadOnlyList<JObject>> { summary };
        var filtered = view.Filter is not null;
        var stalled = view.Stalled.ToList();
        blocks.AddRange(Listed($"停滞项目（连续{rules.StalledMonths}个月无进展，区合作交流办设定）", null, stalled, s =>
            $"⚠ {s.Unit.Name} · {CardText.Literal(s.Project.Name)}（{StageName(s.Project.Stage)}，{s.MonthsWithoutProgress}个月无进展）", "Attention", filtered));
        blocks.Add([Card.Heading("按阶段"), Table(["阶段", "项目", "停滞"], view.ByStage.Select(s => new[] { s.Stage.Name, Count(s.Projects), Count(s.Stalled) }))]);
        // Every unit: 47 rows are several tables, so that no block outgrows a card.
        blocks.AddRange(view.ByUnit.Chunk(MaxListed).Select((chunk, i) =>
        {
            var table = Table(["单位", "项目", "已更新", "停滞"], chunk.Select(u => new[] { u.Unit.Name, Count(u.Projects), Count(u.Updated), Count(u.Stalled) }));
            return (IReadOnlyList<JObject>)(i == 0 ? [Card.Heading("按单位"), table] : [table]);
        }));
        var reported = projects.Where(s => s.ThisMonth is { Problems.Length: > 0 }).ToList();
        blocks.AddRange(Listed($"单位报送的问题及需协调事项（{view.Month.Label}）", KeyProjectTexts.QuotedProblems(QuotedProblemLength), reported, s =>
            $"{s.Unit.Name} · {CardText.Literal(s.Project.Name)}：{CardText.Quote(s.ThisMonth!.Problems, QuotedProblemLength)}", null, filtered, size: "Small"));
        var names = projects.ToDictionary(s => (s.Unit.Id, s.Project.Id));
        var openFindings = view.Findings.Where(f => f.IsOpen).ToList();
        blocks.AddRange(Listed("上级和本级检查发现的问题",
            $"依据{rules.Describe(rules.Articles["checkFindings"])}；由区合作交流办记录，与单位报送的问题分开列出，只列未整改的。{KeyProjectTexts.QuotedProblems(QuotedProblemLength)}",
            openFindings, f => $"【{f.SourceName}】{names[(f.UnitId, f.ProjectId)].Unit.Name} · {CardText.Literal(names[(f.UnitId, f.ProjectId)].Project.Name)}：{CardText.Quote(f.Text, QuotedProblemLength)}" +
                (f.Month == view.Month ? "" : KeyProjectTexts.CarriedFinding(f.Month)),
            "Attention", filtered, size: "Small"));
        if (view.Findings.Count > openFindings.Count)
            blocks.Add([Card.Text(KeyProjectTexts.RectifiedCount(view.Findings.Count - openFindings.Count), size: "Small", isSubtle: true)]);
        // The project table: rows in tables of ten, so that a page break never needs a whole 30-row table to move.
        blocks.AddRange(projects.Take(MaxListed).Chunk(10).Select((chunk, i) =>
        {
            var table = Table(["项目", "单位", "级别", "阶段", "到位/计划"], chunk.Select(s =>
            {
                var unit = rules.Kind(s.Project.Details.Kind)?.Unit ?? "";
                return new[] { (s.Stalled ? "⚠ " : "") + CardText.Literal(s.Project.Name), s.Unit.Name, rules.LevelName(s.Project.Level), StageName(s.Project.Stage),
                    $"{ProjectValidator.Format(s.Project.ArrivedTotal)}/{ProjectValidator.Format(s.Project.Details.TotalInvestment)}{unit}" };
            }));
            return (IReadOnlyList<JObject>)(i == 0 ? [Card.Heading("项目（停滞在前，再按阶段）"), table] : [table]);
        }));
        if (projects.Count > MaxListed) blocks.Add([Card.Text(KeyProjectTexts.MoreProjects(projects.Count - MaxListed, filtered), isSubtle: true)]);
        blocks.Add(Picker(projects, filtered));
        var export = Card.Execute("导出 Excel", OpenVerb, new OpenCommandPayload(KeyProjectCommands.Export).ToData());
        // The export button joins the last card after packing: its bytes are kept free here.
        var pages = Card.Pages(blocks, Card.MaxBytes - Card.Size(Card.Create([], [export])), Card.PageTitle(title), title);
        pages[^1]["actions"] = new JArray(export);
        return pages;
    }

    /// <summary>A headed list of at most <see cref="MaxListed"/> lines, ten to a block; what is left out is counted and said.</summary>
    private static IEnumerable<IReadOnlyList<JObject>> Listed<T>(string heading, string? note, IReadOnlyList<T> items, Func<T, string> line,
        string? color, bool filtered, string? size = null)
    {
        var head = new List<JObject> { Card.Heading(heading) };
        if (note is not null) head.Add(Card.Text(note, size: "Small", isSubtle: true, spacing: "None"));
        if (items.Count == 0)
        {
            yield return [.. head, Card.Text("无")];
            yield break;
        }
        var chunks = items.Take(MaxListed).Chunk(10).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            var text = Card.Text(string.Join("\n\n", chunks[i].Select(line)), size: size, color: color);
            yield return i == 0 ? [.. head, text] : [text];
        }
        if (items.Count > MaxListed) yield return [Card.Text(KeyProjectTexts.MoreListed(items.Count - MaxListed, filtered), isSubtle: true, size: "Small")];
    }

    /// <summary>
    /// 查看项目: a compact picker of the projects in the overview's order, as many as fit <see cref="PickerMaxBytes"/>
    /// (long names make a hundred of them a whole card); when some are left out, where to find them is said.
    /// </summary>
    private static JObject[] Picker(IReadOnlyList<ProjectStatus> projects, bool filtered)
    {
        var choices = new JArray();
        var bytes = 0;
        foreach (var s in projects)
        {
            var choice = new JObject { ["title"] = $"{s.Unit.Name} · {s.Project.Name}", ["value"] = PickPayload.ValueOf(s.Project) };
            bytes += System.Text.Encoding.UTF8.GetByteCount(choice.ToString(Newtonsoft.Json.Formatting.None)) + 1;
            if (bytes > PickerMaxBytes) break;
            choices.Add(choice);
        }
        var picker = new JObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = "pick",
            ["label"] = "查看或认定项目",
            ["style"] = "compact",
            ["choices"] = choices,
            ["value"] = PickPayload.ValueOf(projects[0].Project),
        };
        var buttons = Card.ActionSet([Card.Execute("查看项目", ViewVerb)]);
        return choices.Count == projects.Count
            ? [picker, buttons]
            : [picker, Card.Text(KeyProjectTexts.PickerPartial(choices.Count, projects.Count, filtered), size: "Small", isSubtle: true, spacing: "None"), buttons];
    }

    /// <summary>An admin's form for a problem a 上级 or 本级 check found on the project.</summary>
    public JObject FindingForm(FindingForm form)
    {
        var p = form.Project;
        var body = new List<JToken?>
        {
            Card.Title("记录检查发现的问题"),
            Card.Facts([("项目", CardText.Literal(p.Name)), ("单位", form.Unit.Name)]),
            Card.Text($"依据{rules.Describe(rules.Articles["checkFindings"])}。与单位自报的“问题及需协调事项”分开列入月度检查和督查报告。", size: "Small", isSubtle: true),
            form.Notice is null ? null : Card.Text(CardText.Literal(form.Notice), color: "Attention"),
        };
        void Add(JObject input)
        {
            var id = input.Value<string>("id")!;
            if (form.Inputs.TryGetValue(id, out var v) && v.Length > 0) input["value"] = v;
            body.Add(input);
            if (form.Errors.TryGetValue(id, out var error)) body.Add(Card.Text("⚠ " + CardText.Literal(error), color: "Attention", spacing: "None"));
        }
        Add(Choices(ProjectFields.FindingSource, "检查层级", CheckFinding.Sources.Select(kv => (kv.Value, kv.Key))));
        var text = TextInput(ProjectFields.FindingText, "发现的问题", "例如：区委督查室检查发现施工许可未按期办理", required: true, maxLength: rules.ProblemsMaxLength);
        text["isMultiline"] = true;
        Add(text);
        var data = new FindingPayload(p.UnitId, p.Id, form.FindingId).ToData();
        return Card.Create(body, [Card.Execute("记录", FindingVerb, data, style: "positive"), Card.Execute("返回项目", ViewVerb, new ProjectRefPayload(p.UnitId, p.Id).ToData())],
            $"{p.Name}：记录检查发现的问题");
    }

    /// <summary>整改完成's form: the finding as recorded, the rule's source (区合作交流办设定), and an optional short note.</summary>
    public JObject RectifyForm(RectifyForm form, TimeZoneInfo zone)
    {
        var p = form.Project;
        var f = form.Finding;
        var body = new List<JToken?>
        {
            Card.Title("标记整改完成"),
            Card.Facts(
            [
                ("项目", CardText.Literal(p.Name)),
                ("单位", form.Unit.Name),
                ("检查层级", f.SourceName),
                ("发现的问题", CardText.Literal(f.Text)),
                ("记录", $"{f.Month.Label}检查 · {CardText.Literal(f.ByName ?? "管理员")} {TimeZoneInfo.ConvertTime(f.At, zone):M月d日}"),
            ]),
            Card.Text(rules.Describe(rules.RectificationSource), size: "Small", isSubtle: true),
            form.Notice is null ? null : Card.Text(CardText.Literal(form.Notice), color: "Attention"),
        };
        var note = TextInput(ProjectFields.RectificationNote, $"整改说明（可不填，不超过{rules.RectificationNoteMaxLength}个字）", "例如：已补办施工许可",
            required: false, maxLength: rules.RectificationNoteMaxLength);
        note["isMultiline"] = true;
        if (form.Inputs.TryGetValue(ProjectFields.RectificationNote, out var v) && v.Length > 0) note["value"] = v;
        body.Add(note);
        if (form.Errors.TryGetValue(ProjectFields.RectificationNote, out var error)) body.Add(Card.Text("⚠ " + CardText.Literal(error), color: "Attention", spacing: "None"));
        var data = new FindingStatePayload(p.UnitId, p.Id, f.Id, f.Revision).ToData();
        return Card.Create(body,
            [Card.Execute("确认整改完成", RectifyVerb, data, style: "positive"), Card.Execute("返回项目", ViewVerb, new ProjectRefPayload(p.UnitId, p.Id).ToData())],
            $"{p.Name}：标记整改完成");
    }

    /// <summary>What a month's update did: “签约→开工，到位 100 万元”, or that it reported no progress.</summary>
    private string WhatHappened(ProgressUpdate u, string unit) =>
        (u.Stage != u.StageBefore ? $"{StageName(u.StageBefore)}→{StageName(u.Stage)}，" : "") +
        (ProjectProgress.IsProgress(u, rules) ? $"到位 {Money(u.Arrived, unit)}" : $"无进展（阶段未变，到位 {Money(u.Arrived, unit)}）");

    public string StageName(string id) => rules.Stage(id)?.Name ?? id;

    public static string Money(decimal amount, string unit) => $"{ProjectValidator.Format(amount)} {unit}";

    private static string Rate(decimal arrived, decimal total) => total > 0 ? $"（{(arrived / total * 100).ToString("0.#", CultureInfo.InvariantCulture)}%）" : "";

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未定";

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static JObject TextInput(string id, string label, string placeholder, bool required, int? maxLength = null, string? regex = null)
    {
        var input = new JObject { ["type"] = "Input.Text", ["id"] = id, ["label"] = label, ["placeholder"] = placeholder, ["isRequired"] = required };
        if (maxLength is { } max) input["maxLength"] = max;
        // Only conveniences for the client; the server validates again.
        if (regex is not null)
        {
            input["regex"] = regex;
            input["errorMessage"] = "请填写数字，最多 2 位小数";
        }
        if (required) input["errorMessage"] ??= "请填写";
        return input;
    }

    /// <summary>Radio buttons: every option visible at once (a handful each), one click to choose.</summary>
    private static JObject Choices(string id, string label, IEnumerable<(string Title, string Value)> choices) => new()
    {
        ["type"] = "Input.ChoiceSet",
        ["id"] = id,
        ["label"] = label,
        ["style"] = "expanded",
        ["isRequired"] = true,
        ["errorMessage"] = "请选择",
        ["choices"] = new JArray(choices.Select(c => new JObject { ["title"] = c.Title, ["value"] = c.Value })),
    };

    private static JObject DateInput(string id, string label) => new() { ["type"] = "Input.Date", ["id"] = id, ["label"] = label };

    /// <summary>A 1.5 Table with a bold header row; cells are small wrapped text.</summary>
    public static JObject Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        JObject Row(IEnumerable<string> cells, bool bold) => new()
        {
            ["type"] = "TableRow",
            ["cells"] = new JArray(cells.Select(text =>
            {
                var block = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true, ["size"] = "Small" };
                if (bold) block["weight"] = "Bolder";
                return new JObject { ["type"] = "TableCell", ["items"] = new JArray(block) };
            })),
        };
        var all = new JArray { Row(header, true) };
        foreach (var r in rows) all.Add(Row(r, false));
        return new JObject
        {
            ["type"] = "Table",
            ["columns"] = new JArray(header.Select((_, i) => new JObject { ["width"] = i == 0 ? 3 : 2 })),
            ["rows"] = all,
            ["firstRowAsHeader"] = true,
            ["spacing"] = "Small",
        };
    }
}
