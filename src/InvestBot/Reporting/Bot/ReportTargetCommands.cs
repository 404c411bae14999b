using System.Text.RegularExpressions;
using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Reporting.Bot;

/// <summary>The year on a targets command line (a pasted table below it may hold numbers like 2000); the reporting year otherwise.</summary>
public static partial class TargetYear
{
    public static int Of(string args, ReportingWindow window) =>
        Year().Match(TypedText.Normalize(args.Split('\n')[0])) is { Success: true } m
            ? int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) : window.DefaultMonth.Year;

    [GeneratedRegex(@"(?<![0-9])20[0-9]{2}(?![0-9])")]
    private static partial Regex Year();
}

/// <summary>年度目标 潮阳街道 [2023] (admins): the unit's targets card.</summary>
public sealed class UnitTargetsCommand(TargetService targets, UnitDirectory units, MetricCatalog catalog, ReportingWindow window,
    UnitRequirements requirements) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var year = TargetYear.Of(request.Args, window);
        var unit = units.FindMentions(request.Args).FirstOrDefault();
        if (unit is null || !unit.Reports)
        {
            await request.SendTextAsync(ReportingTexts.TargetUnitUsage, ct);
            return;
        }
        var saved = await targets.GetAsync(year, unit, ct);
        var card = ReportTargetCards.Form(unit, year, catalog.ForKind(unit.Kind),
            saved.ToDictionary(p => p.Key, p => TargetService.Format(p.Value)), new Dictionary<string, string>(), null,
            requirements.TargetsFor(unit.Id, unit.Kind, year));
        await request.SendAsync(Card.ToActivity(card, $"{unit.Name}{year}年度目标"), ct);
    }
}

/// <summary>目标汇总 [2023] (admins): unit targets against the district totals.</summary>
public sealed class TargetSummaryCommand(TargetService targets, ReportingWindow window) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var year = TargetYear.Of(request.Args, window);
        if (await targets.SumAsync(request.User, year, ct) is { } sums)
            await request.SendAsync(Card.ToActivity(ReportTargetCards.Sum(year, sums, targets.DistrictYears), $"{year}年度目标汇总"), ct);
        else
            await request.SendTextAsync(BotTexts.AdminOnly(request.Command.Name), ct);
    }
}

/// <summary>导入目标 [2023] with a pasted CSV table or an attached .xlsx/.csv file (admins).</summary>
public sealed class ImportTargetsCommand(TargetService targets, ReportingWindow window, AttachedTableReader files) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var year = TargetYear.Of(request.Args, window);
        var lines = request.Args.Split('\n', 2);
        var table = lines.Length > 1 && lines[1].Trim().Length > 0
            ? AttachedTable.From(TargetTableReader.FromCsv(lines[1]), ReportingTexts.ImportRejected)
            : await files.ReadAsync(request.Turn.Activity, ct);
        if (table.Rows is not { } rows)
        {
            await request.SendTextAsync(table.Problem ?? ReportingTexts.ImportUsage, ct);
            return;
        }
        var result = await targets.ImportAsync(request.User, year, rows, ct);
        await request.SendTextAsync(result.IsValid
            ? ReportingTexts.Imported(result.Targets.Count, year) + ReportingTexts.ImportConversions(result.Conversions.Select(CardText.Literal).ToList())
            : ReportingTexts.ImportRejected + string.Join("\n", result.Errors.Take(20).Select(e => "• " + CardText.Literal(e))), ct);
    }
}

/// <summary>保存目标 on the targets card (admins: checked by the router and again by <see cref="TargetService"/>).</summary>
public sealed class ReportTargetActions(TargetService targets, UnitDirectory units, MetricCatalog catalog, UnitRequirements requirements)
    : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        if (request.Read<TargetFormPayload>() is not { } payload || units.FindById(payload.UnitId) is not { Reports: true } unit)
            return CardActionResult.Say(ReportingTexts.TargetCardInvalid);
        var raw = ReportFormPayload.Inputs(request.Data);
        var result = await targets.SaveAsync(request.User, payload.Year, unit, raw, ct);
        var metrics = catalog.ForKind(unit.Kind);
        return result.Saved
            ? CardActionResult.Replace(ReportTargetCards.Saved(unit, payload.Year, metrics, await targets.GetAsync(payload.Year, unit, ct), result.Conversions))
            : CardActionResult.Replace(ReportTargetCards.Form(unit, payload.Year, metrics,
                metrics.ToDictionary(m => m.Id, m => raw.GetValueOrDefault(m.Id) ?? ""), result.Errors, ReportingTexts.TargetErrors,
                requirements.TargetsFor(unit.Id, unit.Kind, payload.Year)));
    }
}
