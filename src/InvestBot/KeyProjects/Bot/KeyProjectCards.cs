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

    /// <summary>How many projects a list card shows in full; the rest are in the Excel export.</summary>
    public const int MaxListed = 30;

    public JObject Form(ProjectForm form)
    {
        var isNew = form.Revision == 0;
        var body = new List<JToken?>
        {
            Card.Title(isNew ? "登记重点项目" : "修改项目信息"),
            Card.Facts([("单位", form.Unit.Name)]),
            form.Notice is null ? null : Card.Text(CardText.Literal(form.Notice), color: form.Errors.Count > 0 ? "Attention" : "Default"),
            Card.Text("投资额的单位：内资为万元，外资为万美元（与月度填报的到位额一致）。", isSubtle: true, size: "Small"),
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
        Add(TextInput(ProjectFields.TotalInvestment, "计划总投资（内资万元 / 外资万美元）", "例如 50000", required: true, regex: "^[0-9]+(\\.[0-9]{1,2})?$"));
        Add(Choices(ProjectFields.Chain, "产业方向（三十条措施第十至十三条）", rules.Chains.Select(c => (c.Name, c.Id))));
        if (isNew) Add(Choices(ProjectFields.Stage, "目前阶段", rules.Stages.Select(s => (s.Name, s.Id))));
        Add(DateInput(ProjectFields.ExpectedStart, "预计开工日期（可不填）"));
        Add(DateInput(ProjectFields.ExpectedOperation, "预计投产日期（可不填）"));
        Add(TextInput(ProjectFields.Contact, "项目联系人", "姓名", required: true, maxLength: ProjectValidator.ContactMaxLength));
        Add(TextInput(ProjectFields.ContactPhone, "联系电话", "例如 022-12345678", required: true, maxLength: 20));
        var action = isNew
            ? Card.Execute("登记", RegisterVerb, new RegisterPayload(form.Unit.Id, form.ProjectId).ToData(), style: "positive")
            : Card.Execute("保存", EditVerb, new EditPayload(form.Unit.Id, form.ProjectId, form.Revision).ToData(), style: "positive");
        return Card.Create(body, [action], $"{form.Unit.Name}{(isNew ? "登记重点项目" : "修改项目信息")}");
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
                ("截止", $"{form.Deadline.Month}月{form.Deadline.Day}日"),
                ("当前阶段", StageName(p.Stage)),
                ("计划总投资", Money(p.Details.TotalInvestment, kind.Unit)),
                ("累计到位", Money(p.ArrivedTotal, kind.Unit)),
            ]),
            form.Late ? Card.Text("本月更新已过截止日期，此次提交将记为逾期更新。", color: "Warning") : null,
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
        Add(TextInput(ProjectFields.Arrived, $"本月到位投资（{kind.Unit}）", "没有请填 0", required: true,
            regex: kind.Metric.Decimals == 0 ? "^[0-9]+$" : $"^[0-9]+(\\.[0-9]{{1,{kind.Metric.Decimals}}})?$"));
        var problems = TextInput(ProjectFields.Problems, "问题及需协调事项（没有可不填）", "例如：用地指标待协调", required: false, maxLength: rules.ProblemsMaxLength);
        problems["isMultiline"] = true;
        Add(problems);
        var data = new ProjectProgressPayload(form.Unit.Id, p.Id, form.Month.Key, p.Revision).ToData();
        return Card.Create(body, [Card.Execute("提交", ProgressVerb, data, style: "positive")], $"{p.Name}{form.Month.Label}进展");
    }

    /// <summary>A project's card; after a change it starts with what was saved (<paramref name="message"/>).</summary>
    public JObject Detail(ProjectDetail detail, string message, TimeZoneInfo zone)
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
            ("阶段", StageName(p.Stage)),
            ("计划总投资", Money(p.Details.TotalInvestment, unit)),
            ("累计到位", Money(p.ArrivedTotal, unit) + Rate(p.ArrivedTotal, p.Details.TotalInvestment)),
            ($"{s.Month.Label}进展", s.ThisMonth is null ? "未更新" : $"已更新{(s.ThisMonth.Late ? "（逾期）" : "")}：到位 {Money(s.ThisMonth.Arrived, unit)}"),
            ("最近一次进展", p.LastProgressMonth.Label),
            ("预计开工 / 投产", $"{Day(p.Details.ExpectedStart)} / {Day(p.Details.ExpectedOperation)}"),
            ("联系人", CardText.Literal($"{p.Details.Contact} {p.Details.ContactPhone}")),
        };
        var body = new List<JToken?>
        {
            message.Length > 0 ? Card.Text("✅ " + CardText.Literal(message), weight: "Bolder", color: message.StartsWith("这") ? "Warning" : "Good") : null,
            Card.Title(CardText.Literal(p.Name)),
            s.Stalled ? Card.Text($"⚠ 停滞：已连续 {s.MonthsWithoutProgress} 个月无进展（{rules.StalledMonths}个月无进展即列为停滞，区合作交流办设定）", color: "Attention", weight: "Bolder") : null,
            Card.Facts(facts),
            p.Problems.Length > 0 ? Card.Text("问题及需协调事项：" + CardText.Literal(p.Problems), color: "Warning") : null,
        };
        var recent = detail.Updates.OrderByDescending(u => u.Month).Take(3).ToList();
        if (recent.Count > 0)
        {
            body.Add(Card.Text("近期进展", weight: "Bolder", spacing: "Medium"));
            body.Add(Card.Text(string.Join("\n\n", recent.Select(u =>
                $"{u.Month.Label}：{StageName(u.StageBefore)}→{StageName(u.Stage)}，到位 {Money(u.Arrived, unit)}" +
                (u.Problems.Length > 0 ? $"；{CardText.Literal(u.Problems)}" : "") + $"（{CardText.Literal(u.ByName ?? "填报人")} {TimeZoneInfo.ConvertTime(u.At, zone):M月d日}）")), size: "Small"));
        }
        if (detail.ViewerReadsOnly) return Card.Create(body, [], p.Name);
        var reference = new ProjectRefPayload(p.UnitId, p.Id).ToData();
        var actions = new List<JToken>
        {
            Card.Execute("更新进展", ProgressOpenVerb, reference, style: "positive"),
            Card.Execute("修改信息", EditOpenVerb, reference),
        };
        if (detail.ViewerIsAdmin)
        {
            body.Add(Card.ActionSet(rules.Levels.Where(l => l.Id != p.Level)
                .Select(l => Card.Execute($"认定为{l.Name}", MarkVerb, new MarkPayload(p.UnitId, p.Id, p.Revision, l.Id).ToData()))
                .Concat(p.Level.Length > 0 ? [Card.Execute("取消认定", MarkVerb, new MarkPayload(p.UnitId, p.Id, p.Revision, "none").ToData())] : [])));
        }
        else
        {
            actions.Add(Card.Execute("我的项目", ListVerb));
        }
        return Card.Create(body, actions, p.Name);
    }

    public JObject Mine(UnitProjects view)
    {
        var body = new List<JToken?>
        {
            Card.Title($"{view.Unit.Name}的重点项目"),
            Card.Text(view.Projects.Count == 0
                ? "还没有登记项目。点击“登记新项目”开始。"
                : $"共 {view.Projects.Count} 个项目；{view.Month.Label}进展待更新 {view.Missing} 个，请在{view.Deadline.Month}月{view.Deadline.Day}日前更新。",
                color: view.Missing > 0 ? "Warning" : "Default"),
        };
        foreach (var s in view.Projects.Take(MaxListed))
        {
            var p = s.Project;
            var unit = rules.Kind(p.Details.Kind)?.Unit ?? "";
            var state = s.ThisMonth is not null ? "本月已更新" : p.Stage == rules.FinalStage.Id ? "已投产" : "本月未更新";
            var reference = new ProjectRefPayload(p.UnitId, p.Id).ToData();
            body.Add(Card.Container(
            [
                Card.Text($"{(s.Stalled ? "⚠ " : "")}{CardText.Literal(p.Name)}", weight: "Bolder"),
                Card.Text($"{rules.LevelName(p.Level)} · {StageName(p.Stage)} · 到位 {Money(p.ArrivedTotal, unit)} / {Money(p.Details.TotalInvestment, unit)} · {state}" +
                    (s.Stalled ? $" · 停滞{s.MonthsWithoutProgress}个月" : ""), size: "Small", isSubtle: !s.Stalled, color: s.Stalled ? "Attention" : null, spacing: "None"),
                Card.ActionSet([Card.Execute(s.ThisMonth is null ? "更新进展" : "修改进展", ProgressOpenVerb, reference), Card.Execute("查看", ViewVerb, reference)]),
            ], separator: true));
        }
        if (view.Projects.Count > MaxListed)
            body.Add(Card.Text($"另有 {view.Projects.Count - MaxListed} 个项目未列出，请联系区合作交流办导出台账。", isSubtle: true));
        return Card.Create(body, [Card.Execute("登记新项目", NewVerb, new NewProjectPayload(view.Unit.Id).ToData())], $"{view.Unit.Name}的重点项目");
    }

    public JObject Overview(ProjectOverview view)
    {
        var projects = view.Projects;
        var title = view.Filter is null ? $"全区重点项目（{view.Month.Label}检查）" : $"{view.Filter.Name}重点项目（{view.Month.Label}检查）";
        var body = new List<JToken?>
        {
            Card.Title(title),
            Card.Text($"依据{rules.Describe(rules.Articles["monthlyCheck"])}", size: "Small", isSubtle: true, spacing: "None"),
            Card.Facts(
            [
                ("项目", $"{projects.Count} 个（重大 {projects.Count(s => s.Project.Level == KeyProjectRules.MajorLevel)}，重点 {projects.Count(s => s.Project.Level == KeyProjectRules.KeyLevel)}，待认定 {projects.Count(s => s.Project.Level.Length == 0)}）"),
                ("本月已更新", $"{projects.Count(s => s.ThisMonth is not null)} 个"),
                ("停滞", $"{view.Stalled.Count()} 个"),
            ]),
        };
        if (projects.Count == 0)
        {
            body.Add(Card.Text("还没有单位登记项目。各单位填报人发送“登记项目”即可登记。"));
            return Card.Create(body, fallbackText: title);
        }
        var stalled = view.Stalled.ToList();
        body.Add(Card.Heading($"停滞项目（连续{rules.StalledMonths}个月无进展，区合作交流办设定）"));
        body.Add(stalled.Count == 0
            ? Card.Text("无")
            : Card.Text(string.Join("\n\n", stalled.Take(MaxListed).Select(s =>
                $"⚠ {s.Unit.Name} · {CardText.Literal(s.Project.Name)}（{StageName(s.Project.Stage)}，{s.MonthsWithoutProgress}个月无进展）")), color: "Attention"));
        body.Add(Card.Heading("按阶段"));
        body.Add(Table(["阶段", "项目", "停滞"], view.ByStage.Select(s => new[] { s.Stage.Name, Count(s.Projects), Count(s.Stalled) })));
        body.Add(Card.Heading("按单位"));
        body.Add(Table(["单位", "项目", "本月已更新", "停滞"], view.ByUnit.Take(MaxListed).Select(u => new[] { u.Unit.Name, Count(u.Projects), Count(u.Updated), Count(u.Stalled) })));
        body.Add(Card.Heading("项目（停滞在前，再按阶段）"));
        body.Add(Table(["项目", "单位", "级别", "阶段", "到位/计划"], projects.Take(MaxListed).Select(s =>
        {
            var unit = rules.Kind(s.Project.Details.Kind)?.Unit ?? "";
            return new[] { (s.Stalled ? "⚠ " : "") + CardText.Literal(s.Project.Name), s.Unit.Name, rules.LevelName(s.Project.Level), StageName(s.Project.Stage),
                $"{ProjectValidator.Format(s.Project.ArrivedTotal)}/{ProjectValidator.Format(s.Project.Details.TotalInvestment)}{unit}" };
        })));
        if (projects.Count > MaxListed) body.Add(Card.Text($"另有 {projects.Count - MaxListed} 个项目见导出的台账。", isSubtle: true));
        body.Add(new JObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = "pick",
            ["label"] = "查看或认定项目",
            ["style"] = "compact",
            ["choices"] = new JArray(projects.Take(100).Select(s => new JObject { ["title"] = $"{s.Unit.Name} · {s.Project.Name}", ["value"] = PickPayload.ValueOf(s.Project) })),
            ["value"] = PickPayload.ValueOf(projects[0].Project),
        });
        body.Add(Card.ActionSet([Card.Execute("查看项目", ViewVerb)]));
        return Card.Create(body, [Card.Execute("导出 Excel", OpenVerb, new OpenCommandPayload(KeyProjectCommands.Export).ToData())], title);
    }

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
