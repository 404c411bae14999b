using InvestBot.Access;
using InvestBot.Hosting;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Commands;

/// <summary>导出 2023-03 (admins): a short-lived signed link to the month's Excel workbook.</summary>
public sealed class ReportExportCommand : IMessageCommand
{
    private readonly ExportLinks _links;
    private readonly UserRoles _roles;
    private readonly ReportingWindow _window;
    private readonly OfficeClock _clock;

    public ReportExportCommand(ExportLinks links, UserRoles roles, ReportingWindow window, OfficeClock clock)
    {
        _links = links;
        _roles = roles;
        _window = window;
        _clock = clock;
    }

    public int Order => 24;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        var text = request.Text.Trim();
        if (!text.StartsWith("导出", StringComparison.Ordinal)) return false;
        var (named, month) = MonthInText.Find(text[2..], _clock.Today);
        // "导出" alone or with a month is ours; other exports (e.g. rankings) belong to other capabilities.
        if (!named && text[2..].Trim().Length > 0) return false;
        if (!_roles.IsAdmin(request.User))
        {
            await request.SendTextAsync("只有区合作交流办管理员可以导出各单位数据。", ct);
            return true;
        }
        if (named && month is null)
        {
            await request.SendTextAsync("月份不正确，请写成“导出 2023-03”。", ct);
            return true;
        }
        var m = month ?? _window.DefaultMonth;
        var (url, expires) = await _links.CreateAsync(m, ct);
        var card = Card.Create(
            new[]
            {
                Card.Title($"{m.Label}数据导出"),
                Card.Text($"下载链接有效至 {_clock.ToLocal(expires):M月d日 HH:mm}，请勿转发。", isSubtle: true),
            },
            new[] { new JObject { ["type"] = "Action.OpenUrl", ["title"] = "下载 Excel", ["url"] = url } },
            $"{m.Label}数据导出：{url}");
        await request.SendAsync(Card.ToActivity(card, $"{m.Label}数据导出"), ct);
        return true;
    }
}
