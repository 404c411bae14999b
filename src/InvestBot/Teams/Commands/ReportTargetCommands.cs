using System.Text.RegularExpressions;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Commands;

/// <summary>
/// Admins: 年度目标 潮阳街道 [2023] (the targets card), 导入目标 [2023] with a pasted CSV table or an attached
/// .xlsx/.csv file, 目标汇总 [2023] (unit targets against the district totals).
/// </summary>
public sealed partial class ReportTargetCommands : IMessageCommand
{
    private readonly TargetService _targets;
    private readonly UnitDirectory _units;
    private readonly MetricCatalog _catalog;
    private readonly ReportingWindow _window;
    private readonly IHttpClientFactory _http;

    public ReportTargetCommands(TargetService targets, UnitDirectory units, MetricCatalog catalog, ReportingWindow window, IHttpClientFactory http)
    {
        _targets = targets;
        _units = units;
        _catalog = catalog;
        _window = window;
        _http = http;
    }

    public int Order => 23;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        var m = Command().Match(request.Text.Trim());
        if (!m.Success) return false;
        if (!_targets.IsAdmin(request.User))
        {
            await request.SendTextAsync(TargetService.AdminOnly, ct);
            return true;
        }
        // The year is on the command line; a pasted table below it may hold numbers like 2000.
        var yearMatch = Year().Match(m.Groups[2].Value.Split('\n')[0]);
        var year = yearMatch.Success ? int.Parse(yearMatch.Value) : _window.DefaultMonth.Year;
        switch (m.Groups[1].Value)
        {
            case "目标汇总":
                var sums = await _targets.SumAsync(request.User, year, ct);
                await request.SendAsync(Card.ToActivity(ReportTargetCards.Sum(year, sums!), $"{year}年度目标汇总"), ct);
                break;
            case "导入目标":
                await ImportAsync(request, year, m.Groups[2].Value, ct);
                break;
            default:
                var unit = _units.FindMentions(m.Groups[2].Value).FirstOrDefault();
                if (unit is null || !unit.Reports)
                {
                    await request.SendTextAsync("请写明参与填报的单位，例如：年度目标 潮阳街道 2023。", ct);
                    break;
                }
                var saved = await _targets.GetAsync(year, unit, ct);
                var card = ReportTargetCards.Form(unit, year, _catalog.ForKind(unit.Kind),
                    saved.ToDictionary(p => p.Key, p => TargetService.Format(p.Value)), new Dictionary<string, string>(), null);
                await request.SendAsync(Card.ToActivity(card, $"{unit.Name}{year}年度目标"), ct);
                break;
        }
        return true;
    }

    private async Task ImportAsync(MessageRequest request, int year, string rest, CancellationToken ct)
    {
        var lines = rest.Split('\n', 2);
        var table = lines.Length > 1 && lines[1].Trim().Length > 0
            ? TargetTableReader.FromCsv(lines[1])
            : await FromAttachmentAsync(request.Turn.Activity, ct);
        if (table is null)
        {
            await request.SendTextAsync("请在“导入目标 2023”下一行起粘贴表格（第一行：单位,指标名称…；之后每行一个单位），或随消息附上 .xlsx / .csv 文件。", ct);
            return;
        }
        if (table.Error is not null)
        {
            await request.SendTextAsync("导入未执行，没有任何目标被修改。" + table.Error, ct);
            return;
        }
        var result = await _targets.ImportAsync(request.User, year, table.Rows, ct);
        await request.SendTextAsync(result.IsValid
            ? $"已导入 {result.Targets.Count} 个单位的 {year} 年度目标。发送“目标汇总 {year}”查看与全区目标的对比。"
            : "导入未执行，没有任何目标被修改。请修正后重新导入：\n" + string.Join("\n", result.Errors.Take(20).Select(e => "• " + e)), ct);
    }

    /// <summary>A Teams file attachment (download info) or a plain attachment with a content URL.</summary>
    private async Task<TargetTable?> FromAttachmentAsync(IActivity activity, CancellationToken ct)
    {
        foreach (var a in activity.AsMessageActivity()?.Attachments ?? new List<Attachment>())
        {
            var info = a.Content as JObject ?? (a.Content is null ? null : JObject.FromObject(a.Content));
            var url = info?.Value<string>("downloadUrl") ?? a.ContentUrl;
            var type = (info?.Value<string>("fileType") ?? Path.GetExtension(a.Name ?? "").TrimStart('.')).ToLowerInvariant();
            if (url is null || type is not ("xlsx" or "csv")) continue;
            using var response = await _http.CreateClient("reporting-import").GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > TargetTableReader.MaxBytes) return null;
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            if (bytes.Length > TargetTableReader.MaxBytes) return null;
            return type == "xlsx" ? TargetTableReader.FromXlsx(new MemoryStream(bytes)) : TargetTableReader.FromCsv(bytes);
        }
        return null;
    }

    [GeneratedRegex(@"^(年度目标|导入目标|目标汇总)(.*)$", RegexOptions.Singleline)]
    private static partial Regex Command();

    [GeneratedRegex(@"(?<!\d)20\d{2}(?!\d)")]
    private static partial Regex Year();
}

/// <summary>保存目标 on the targets card. Admin role checked by <see cref="TargetService"/>.</summary>
public sealed class ReportTargetActions : ICardActionHandler
{
    private readonly TargetService _targets;
    private readonly UnitDirectory _units;
    private readonly MetricCatalog _catalog;

    public ReportTargetActions(TargetService targets, UnitDirectory units, MetricCatalog catalog)
    {
        _targets = targets;
        _units = units;
        _catalog = catalog;
    }

    public IReadOnlyCollection<string> Verbs { get; } = new[] { ReportTargetCards.SaveVerb };

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        if (!_targets.IsAdmin(request.User)) return CardActionResult.Say(TargetService.AdminOnly);
        var unit = _units.FindById(request.Data.Value<string>("unitId"));
        var yearOk = int.TryParse(request.Data["year"]?.ToString(), out var year) && year is >= ReportingMonth.MinYear and <= ReportingMonth.MaxYear;
        if (unit is null || !unit.Reports || !yearOk) return CardActionResult.Say("表单数据无效，目标未保存。");
        var raw = ReportActions.Inputs(request.Data);
        var (saved, errors) = await _targets.SaveAsync(request.User, year, unit, raw, ct);
        var metrics = _catalog.ForKind(unit.Kind);
        return saved
            ? CardActionResult.Replace(ReportTargetCards.Saved(unit, year, metrics, await _targets.GetAsync(year, unit, ct)))
            : CardActionResult.Replace(ReportTargetCards.Form(unit, year, metrics,
                metrics.ToDictionary(m => m.Id, m => raw.GetValueOrDefault(m.Id) ?? ""), errors, "有填写不正确的项目，目标未保存。"));
    }
}
