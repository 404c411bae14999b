using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.Reporting.Bot;

/// <summary>提交 / 修改 on the figures form and receipt. <paramref name="Revision"/> is the version the form was opened on (replays and lost updates are refused by the store).</summary>
public sealed record ReportFormPayload(string UnitId, string Month, int? Revision) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && ReportingMonth.TryParse(Month) is not null && Revision is null or >= 0;

    [Newtonsoft.Json.JsonIgnore]
    public ReportingMonth ReportingMonth => Reporting.ReportingMonth.TryParse(Month)!.Value;

    /// <summary>The form's inputs ("m_" + metric id) by metric id, as the text the user typed.</summary>
    public static Dictionary<string, string?> Inputs(JObject data) => data.Properties()
        .Where(p => p.Name.StartsWith(ReportCards.InputPrefix, StringComparison.Ordinal))
        .ToDictionary(p => p.Name[ReportCards.InputPrefix.Length..], p => AsText(p.Value));

    /// <summary>Whatever the client sent, as the text the user would have typed (numbers in invariant notation).</summary>
    public static string? AsText(JToken? token) => token switch
    {
        null or { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue { Type: JTokenType.String } s => (string?)s,
        JValue v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture),
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };
}

/// <summary>保存目标 on the annual targets card.</summary>
public sealed record TargetFormPayload(string UnitId, int Year) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && Year is >= ReportingMonth.MinYear and <= ReportingMonth.MaxYear;
}

/// <summary>保存期初累计 / 修改 on the opening balance cards. <paramref name="Revision"/> is the version the card showed (null on 修改).</summary>
public sealed record OpeningFormPayload(string UnitId, int Year, int? Revision) : CardPayload
{
    protected override bool IsValid() => UnitId is { Length: > 0 and <= 64 } && Year is >= ReportingMonth.MinYear and <= ReportingMonth.MaxYear
        && Revision is null or >= 0;
}

/// <summary>一键催报 on 填报情况: the month shown.</summary>
public sealed record ReportMonthPayload(string Month) : CardPayload
{
    protected override bool IsValid() => ReportingMonth.TryParse(Month) is not null;

    [Newtonsoft.Json.JsonIgnore]
    public ReportingMonth ReportingMonth => Reporting.ReportingMonth.TryParse(Month)!.Value;
}

/// <summary>批准 / 拒绝 on a binding request.</summary>
public sealed record BindingDecisionPayload(string UserId, string UnitId) : CardPayload
{
    protected override bool IsValid() => UserId is { Length: > 0 and <= 128 } && UnitId is { Length: > 0 and <= 64 };
}

/// <summary>解绑 in the binding list.</summary>
public sealed record UnbindPayload(string UserId) : CardPayload
{
    protected override bool IsValid() => UserId is { Length: > 0 and <= 128 };
}
