using System.Globalization;
using System.Text.RegularExpressions;
using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>The input ids of the project and progress forms (also the keys of the raw values the validator reads).</summary>
public static class ProjectFields
{
    public const string Name = "p_name";
    public const string Kind = "p_kind";
    public const string TotalInvestment = "p_total";
    public const string Chain = "p_chain";
    public const string Stage = "p_stage";
    public const string ExpectedStart = "p_start";
    public const string ExpectedOperation = "p_operation";
    public const string Contact = "p_contact";
    public const string ContactPhone = "p_phone";
    public const string Arrived = "p_arrived";
    public const string Problems = "p_problems";
    public const string Group = "p_group";
    public const string FindingSource = "f_source";
    public const string FindingText = "f_text";
    public const string RectificationNote = "f_note";

    public static readonly IReadOnlyList<string> Details = [Name, Kind, TotalInvestment, Chain, Group, Stage, ExpectedStart, ExpectedOperation, Contact, ContactPhone];
    public static readonly IReadOnlyList<string> Finding = [FindingSource, FindingText];
    public static readonly IReadOnlyList<string> Rectification = [RectificationNote];
    public static readonly IReadOnlyList<string> Progress = [Stage, Arrived, Problems];
}

/// <summary>Parsed values when everything is right, otherwise one message per field (input id → message).</summary>
/// <param name="Conversions">How an amount written with 亿/万 or separators was read (input id → “1.5亿 → 15000 万元”), echoed after saving.</param>
public sealed record Validated<T>(T? Value, IReadOnlyDictionary<string, string> Errors) where T : class
{
    public bool IsValid => Value is not null && Errors.Count == 0;

    public IReadOnlyDictionary<string, string> Conversions { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Server-side checks of the project and progress forms. The card's choice lists and regexes only help the user: a forged
/// kind, chain or stage, text in a number field or an over-long field is rejected here with a message next to the field.
/// Amounts are read as on the target card and the monthly form (<see cref="AmountText"/>): 1.5亿, 8000万, 80,000 and
/// full-width digits, converted into the kind's metric unit (内资万元, 外资万美元), the conversion echoed after saving.
/// </summary>
public sealed partial class ProjectValidator(KeyProjectRules rules)
{
    public const int ContactMaxLength = 20;

    public Validated<ProjectDetails> Details(IReadOnlyDictionary<string, string?> raw)
    {
        var errors = new Dictionary<string, string>();
        var conversions = new Dictionary<string, string>();
        var name = Text(raw, ProjectFields.Name, rules.NameMaxLength, required: true, errors);
        var kind = rules.Kind(Trimmed(raw, ProjectFields.Kind));
        if (kind is null) errors[ProjectFields.Kind] = "请选择内资或外资";
        decimal total = 0;
        if (kind is not null)
        {
            total = Amount(raw, ProjectFields.TotalInvestment, kind.Metric, rules.MinTotalInvestment, kind.MaxTotalInvestment, errors, conversions);
        }
        else if (Trimmed(raw, ProjectFields.TotalInvestment).Length == 0)
            errors[ProjectFields.TotalInvestment] = "请填写计划总投资";
        var chain = rules.Chain(Trimmed(raw, ProjectFields.Chain));
        if (chain is null) errors[ProjectFields.Chain] = "请从列表中选择产业方向";
        // Optional: a project not yet assigned to one of （六）'s groups is left empty.
        var groupId = Trimmed(raw, ProjectFields.Group);
        var group = groupId.Length == 0 ? "" : rules.Group(groupId)?.Id;
        if (group is null) errors[ProjectFields.Group] = "请从列表中选择协调推动组，或不选";
        var stage = rules.Stage(Trimmed(raw, ProjectFields.Stage));
        if (stage is null) errors[ProjectFields.Stage] = "请从列表中选择项目阶段";
        var start = Date(raw, ProjectFields.ExpectedStart, errors);
        var operation = Date(raw, ProjectFields.ExpectedOperation, errors);
        if (start is { } s && operation is { } o && o < s) errors[ProjectFields.ExpectedOperation] = "预计投产日期不能早于预计开工日期";
        var contact = Text(raw, ProjectFields.Contact, ContactMaxLength, required: true, errors);
        var phone = Trimmed(raw, ProjectFields.ContactPhone);
        if (phone.Length == 0) errors[ProjectFields.ContactPhone] = "请填写联系电话";
        else if (!Phone().IsMatch(phone)) errors[ProjectFields.ContactPhone] = "请填写正确的电话号码（数字、空格、-、+，5–20位）";
        if (errors.Count > 0) return new(null, errors) { Conversions = conversions };
        return new(new ProjectDetails(name!, kind!.Id, total, chain!.Id, stage!.Id, start, operation, contact!, phone, group!), errors)
        {
            Conversions = conversions,
        };
    }

    /// <param name="project">The project as stored: its kind gives the unit and range, its totals the ceiling.</param>
    /// <param name="replacing">The arrived amount of the month's earlier update that this one replaces (0 when none).</param>
    public Validated<ProgressInput> Progress(KeyProject project, IReadOnlyDictionary<string, string?> raw, decimal replacing)
    {
        var errors = new Dictionary<string, string>();
        var stage = rules.Stage(Trimmed(raw, ProjectFields.Stage));
        if (stage is null) errors[ProjectFields.Stage] = "请从列表中选择项目阶段";
        var kind = rules.Kind(project.Details.Kind)!;
        var conversions = new Dictionary<string, string>();
        var arrived = Amount(raw, ProjectFields.Arrived, kind.Metric, kind.Metric.Min, kind.Metric.Max, errors, conversions);
        if (!errors.ContainsKey(ProjectFields.Arrived) && !rules.ArrivedMayExceedTotal && project.ArrivedTotal - replacing + arrived > project.Details.TotalInvestment)
            errors[ProjectFields.Arrived] =
                $"累计到位将达到 {Format(project.ArrivedTotal - replacing + arrived)} {kind.Unit}，超过计划总投资 {Format(project.Details.TotalInvestment)} {kind.Unit}。如投资额有变化，请先修改项目的计划总投资";
        var problems = Text(raw, ProjectFields.Problems, rules.ProblemsMaxLength, required: false, errors) ?? "";
        if (errors.Count > 0) return new(null, errors) { Conversions = conversions };
        return new(new ProgressInput(stage!.Id, arrived, problems), errors) { Conversions = conversions };
    }

    /// <summary>An amount as people write it, in the metric's unit, within min–max; the conversion kept when it was not a plain number.</summary>
    private static decimal Amount(IReadOnlyDictionary<string, string?> raw, string id, Metric metric, decimal min, decimal max,
        Dictionary<string, string> errors, Dictionary<string, string> conversions)
    {
        var parsed = AmountText.Parse(Trimmed(raw, id), metric, max);
        if (parsed.Conversion is not null) conversions[id] = parsed.Conversion;
        // AmountText states the range from 0; a field with a higher floor (计划总投资 from 1) states its own.
        if (parsed.Error is not null) errors[id] = min > 0 ? parsed.Error.Replace("超出合理范围（0–", $"超出合理范围（{Format(min)}–") : parsed.Error;
        else if (parsed.Value < min)
            errors[id] = (parsed.Conversion is null ? "" : parsed.Conversion + "，") + $"超出合理范围（{Format(min)}–{Format(max)} {metric.Unit}），请核对";
        return parsed.Error is null ? parsed.Value : 0;
    }

    /// <summary>An admin's record of a problem found by a 上级 or 本级 check (（二十六）).</summary>
    public Validated<FindingInput> Finding(IReadOnlyDictionary<string, string?> raw)
    {
        var errors = new Dictionary<string, string>();
        var source = Trimmed(raw, ProjectFields.FindingSource);
        if (!CheckFinding.Sources.ContainsKey(source)) errors[ProjectFields.FindingSource] = "请选择上级检查或本级检查";
        var text = Text(raw, ProjectFields.FindingText, rules.ProblemsMaxLength, required: true, errors);
        return errors.Count > 0 ? new(null, errors) : new(new FindingInput(source, text!), errors);
    }

    /// <summary>The optional note on a finding marked 已整改 (区合作交流办设定).</summary>
    public Validated<string> RectificationNote(IReadOnlyDictionary<string, string?> raw)
    {
        var errors = new Dictionary<string, string>();
        var note = Text(raw, ProjectFields.RectificationNote, rules.RectificationNoteMaxLength, required: false, errors);
        return errors.Count > 0 ? new(null, errors) : new(note!, errors);
    }

    public static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Trimmed(IReadOnlyDictionary<string, string?> raw, string id) =>
        raw.TryGetValue(id, out var v) ? (v ?? "").Trim() : "";

    /// <summary>Free text: trimmed, no control characters except line breaks, within the length.</summary>
    private static string? Text(IReadOnlyDictionary<string, string?> raw, string id, int max, bool required, Dictionary<string, string> errors)
    {
        var s = Trimmed(raw, id).Replace("\r\n", "\n");
        if (s.Length == 0)
        {
            if (required) errors[id] = "请填写";
            return required ? null : "";
        }
        if (s.Length > max)
        {
            errors[id] = $"不能超过 {max} 个字（现在 {s.Length} 个）";
            return null;
        }
        if (s.Any(c => char.IsControl(c) && c != '\n'))
        {
            errors[id] = "包含无法识别的字符，请重新输入";
            return null;
        }
        return s;
    }

    /// <summary>Input.Date sends yyyy-MM-dd; empty means not known yet.</summary>
    private static DateOnly? Date(IReadOnlyDictionary<string, string?> raw, string id, Dictionary<string, string> errors)
    {
        var s = Trimmed(raw, id);
        if (s.Length == 0) return null;
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || d.Year is < ReportingMonth.MinYear or > ReportingMonth.MaxYear)
        {
            errors[id] = "日期格式不正确，请选择日期（例如 2023-06-30）";
            return null;
        }
        return d;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{3,18}[0-9]$")]
    private static partial Regex Phone();
}
