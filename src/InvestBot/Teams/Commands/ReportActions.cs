using System.Globalization;
using InvestBot.Hosting;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Commands;

/// <summary>提交 (report.submit) and 修改 (report.open) on the figures form and receipt. Card data is untrusted.</summary>
public sealed class ReportActions : ICardActionHandler
{
    private readonly FigureFormService _forms;
    private readonly UnitDirectory _units;
    private readonly OfficeClock _clock;

    public ReportActions(FigureFormService forms, UnitDirectory units, OfficeClock clock)
    {
        _forms = forms;
        _units = units;
        _clock = clock;
    }

    public IReadOnlyCollection<string> Verbs { get; } = new[] { ReportCards.SubmitVerb, ReportCards.OpenVerb };

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        var data = request.Data;
        if (request.Verb == ReportCards.OpenVerb)
        {
            var month = ReportingMonth.TryParse(AsText(data["month"]));
            var unit = _units.FindById(AsText(data["unitId"]));
            if (unit is null || month is null) return CardActionResult.Say("表单数据无效，请重新发送“填报”。");
            return ReportReplies.ToResult(await _forms.OpenAsync(request.User, unit, month, ct), _clock.Zone);
        }
        int? revision = int.TryParse(AsText(data["revision"]), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;
        var raw = Inputs(data);
        var outcome = await _forms.SubmitAsync(request.User, AsText(data["unitId"]), AsText(data["month"]), revision, raw, ct);
        return ReportReplies.ToResult(outcome, _clock.Zone);
    }

    /// <summary>The form's inputs ("m_" + metric id) by metric id, as text.</summary>
    public static Dictionary<string, string?> Inputs(JObject data) => data.Properties()
        .Where(p => p.Name.StartsWith(ReportCards.InputPrefix, StringComparison.Ordinal))
        .ToDictionary(p => p.Name[ReportCards.InputPrefix.Length..], p => AsText(p.Value));

    /// <summary>Whatever the client sent, as the text the user would have typed (numbers in invariant notation).</summary>
    private static string? AsText(JToken? token) => token switch
    {
        null or { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue { Type: JTokenType.String } s => (string?)s,
        JValue v => Convert.ToString(v.Value, CultureInfo.InvariantCulture),
        _ => token.ToString(Formatting.None),
    };
}
