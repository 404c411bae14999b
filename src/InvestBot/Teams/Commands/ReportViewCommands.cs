using InvestBot.Hosting;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;

namespace InvestBot.Teams.Commands;

/// <summary>填报情况 [月份] (admins), 我的填报, 重新开放 单位 月份 (admins).</summary>
public sealed class ReportViewCommands : IMessageCommand
{
    private readonly ReportingViews _views;
    private readonly UnitDirectory _units;
    private readonly MetricCatalog _catalog;
    private readonly OfficeClock _clock;
    private readonly PersonalMessenger _messenger;

    public ReportViewCommands(ReportingViews views, UnitDirectory units, MetricCatalog catalog, OfficeClock clock, PersonalMessenger messenger)
    {
        _messenger = messenger;
        _views = views;
        _units = units;
        _catalog = catalog;
        _clock = clock;
    }

    public int Order => 22;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        var text = request.Text.Trim();
        if (text.StartsWith("填报情况", StringComparison.Ordinal))
        {
            if (MonthOf(text["填报情况".Length..]) is not { } month)
                await request.SendTextAsync("月份不正确，请写成“填报情况 2023-03”。", ct);
            else if (await _views.StatusAsync(request.User, month, ct) is { } status)
                await request.SendAsync(Card.ToActivity(ReportViewCards.Status(status, _units, _clock.Zone), $"{month.Label}填报情况"), ct);
            else
                await request.SendTextAsync("只有区合作交流办管理员可以查看各单位填报情况。发送“我的填报”查看本单位的记录。", ct);
            return true;
        }
        if (text is "我的填报" or "填报记录" or "我的数据")
        {
            var year = _views.DefaultMonth.Year;
            var (unit, months) = await _views.MineAsync(request.User, year, ct);
            if (unit is null) await request.SendTextAsync(FigureFormService.NotBoundMessage, ct);
            else await request.SendAsync(Card.ToActivity(ReportViewCards.Mine(unit, year, months, _catalog, _clock.Zone), $"{unit.Name}填报记录"), ct);
            return true;
        }
        if (text.StartsWith("重新开放", StringComparison.Ordinal))
        {
            var rest = text["重新开放".Length..];
            var unit = _units.FindMentions(rest).FirstOrDefault();
            var (named, month) = MonthInText.Find(rest, _clock.Today);
            if (unit is null || !named || month is null)
            {
                await request.SendTextAsync("请写明单位和月份，例如：重新开放 潮阳街道 2023-03。", ct);
                return true;
            }
            var outcome = await _views.ReopenAsync(request.User, unit, month.Value, ct);
            var told = 0;
            foreach (var reporter in outcome.Reporters)
                if (await _messenger.SendToUserAsync(reporter.UserId, MessageFactory.Text(
                        $"区合作交流办已为{unit.Name}重新开放{month.Value.Label}的填报。请发送“填报{month.Value.Month}月数据”补报。"), ct)) told++;
            await request.SendTextAsync(outcome.Message + (outcome.Reporters.Count > 0 ? $"已通知 {told} 位填报人。" : ""), ct);
            return true;
        }
        return false;
    }

    private ReportingMonth? MonthOf(string rest)
    {
        var (named, month) = MonthInText.Find(rest, _clock.Today);
        return named ? month : _views.DefaultMonth;
    }
}
