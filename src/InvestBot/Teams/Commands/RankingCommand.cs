using System.Text.RegularExpressions;
using InvestBot.Access;
using InvestBot.Conversations;
using InvestBot.Hosting;
using InvestBot.Ranking;
using InvestBot.Ranking.Delivery;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Commands;

/// <summary>
/// 发布排名 2023-03 / 更正排名 2023-03 (admins, private preview first) and 排名 / 本月排名 / 我单位排名 (anyone, answered privately).
/// </summary>
public sealed partial class RankingCommand : IMessageCommand
{
    private static readonly HashSet<string> LatestWords = ["排名", "本月排名", "最新排名", "查看排名", "排名通报"];
    private static readonly HashSet<string> UnitWords = ["我单位排名", "本单位排名", "我的排名"];

    private readonly RankingPublisher _publisher;
    private readonly AnnouncementStore _announcements;
    private readonly IAnnouncementRenderer _renderer;
    private readonly PersonalMessenger _messenger;
    private readonly IUnitBindingStore _bindings;
    private readonly MetricCatalog _catalog;
    private readonly UserRoles _roles;
    private readonly OfficeClock _clock;

    public RankingCommand(RankingPublisher publisher, AnnouncementStore announcements, IAnnouncementRenderer renderer, PersonalMessenger messenger,
        IUnitBindingStore bindings, MetricCatalog catalog, UserRoles roles, OfficeClock clock)
    {
        _publisher = publisher;
        _announcements = announcements;
        _renderer = renderer;
        _messenger = messenger;
        _bindings = bindings;
        _catalog = catalog;
        _roles = roles;
        _clock = clock;
    }

    public int Order => 25;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        var text = request.Text.Trim('。', '.', '!', '！', ' ');
        if (PublishPattern().Match(text) is { Success: true } m)
        {
            await PreviewAsync(request, m.Groups["verb"].Value == "更正", m.Groups["period"].Value.Trim(), ct);
            return true;
        }
        if (LatestWords.Contains(text))
        {
            await LatestAsync(request, ct);
            return true;
        }
        if (UnitWords.Contains(text))
        {
            await UnitAsync(request, ct);
            return true;
        }
        return false;
    }

    private async Task PreviewAsync(MessageRequest request, bool correction, string periodText, CancellationToken ct)
    {
        var verb = correction ? "更正排名" : "发布排名";
        if (!_roles.IsAdmin(request.User))
        {
            await request.SendTextAsync("只有区合作交流办管理员可以发布排名。", ct);
            return;
        }
        if (!request.IsPersonal)
        {
            await request.SendTextAsync($"发布前需要先私下预览，请在与 InvestBot 的私聊中发送“{verb} 年-月”。", ct);
            return;
        }
        var thisMonth = new RankingPeriod(_clock.LocalNow.Year, _clock.LocalNow.Month);
        var (named, month) = MonthInText.Find(periodText, _clock.Today);
        if (!named)
        {
            await request.SendTextAsync($"请写明要{(correction ? "更正" : "发布")}的月份，例如：{verb} {thisMonth.PreviousMonth.Key}", ct);
            return;
        }
        if (month is not { } reportingMonth)
        {
            await request.SendTextAsync($"月份“{periodText}”不正确，请写成 {thisMonth.PreviousMonth.Key} 或 {thisMonth.PreviousMonth.Month}月。", ct);
            return;
        }
        var period = RankingPeriod.From(reportingMonth);
        if (string.CompareOrdinal(period.Key, thisMonth.Key) > 0)
        {
            await request.SendTextAsync($"{period.Label}还没有到，不能发布排名。", ct);
            return;
        }

        var preview = await _publisher.PreviewAsync(period, ct);
        if (!correction && preview.Existing.Count > 0)
        {
            var first = preview.Existing[^1];
            await request.SendTextAsync($"{period.Label}的排名已于 {_clock.ToLocal(first.PublishedAt):yyyy-MM-dd HH:mm} 发布，不会重复发送。如需更正，请发送“更正排名 {period.Key}”。", ct);
            return;
        }
        if (correction && preview.Existing.Count == 0)
        {
            await request.SendTextAsync($"{period.Label}的排名尚未发布，无需更正。请发送“发布排名 {period.Key}”。", ct);
            return;
        }
        if (preview.Subscribers == 0)
        {
            await request.SendTextAsync("还没有群聊或频道订阅通报。请先在群聊或团队频道中 @InvestBot 发送“订阅通报”。", ct);
            return;
        }
        var draft = new Announcement(period, preview.NextRevision, RankingSnapshot.ForPublication(preview.Ranking), request.User.Id, request.User.Name, _clock.UtcNow);
        foreach (var part in _renderer.Render(draft))
            await request.SendAsync(Card.ToActivity(JObject.Parse(part.CardJson!), "预览：" + part.Text), ct);
        await request.SendAsync(Card.ToActivity(RankingCards.Confirm(preview, period), $"确认发布{period.Label}通报"), ct);
    }

    private async Task LatestAsync(MessageRequest request, CancellationToken ct)
    {
        var latest = await _announcements.LatestAsync(ct);
        if (latest is null)
        {
            await request.SendTextAsync("目前还没有发布过排名通报。", ct);
            return;
        }
        await ReplyPrivatelyAsync(request, _renderer.Render(latest), ct);
    }

    private async Task UnitAsync(MessageRequest request, CancellationToken ct)
    {
        var binding = await _bindings.GetAsync(request.User.Id, ct);
        if (binding is null)
        {
            await request.SendTextAsync("您还没有绑定单位，无法查询本单位排名。请联系区合作交流办管理员绑定单位；也可以发送“排名”查看完整排名。", ct);
            return;
        }
        var latest = await _announcements.LatestAsync(ct);
        if (latest is null)
        {
            await request.SendTextAsync("目前还没有发布过排名通报。", ct);
            return;
        }
        var unit = latest.Ranking.Find(binding.UnitId);
        var category = latest.Ranking.CategoryOf(binding.UnitId);
        if (unit is null || category is null)
        {
            await request.SendTextAsync($"您绑定的单位不参加月度排名（{latest.Period.Label}通报中没有该单位）。", ct);
            return;
        }
        var card = RankingCards.UnitRank(latest, unit, category, _catalog);
        await ReplyPrivatelyAsync(request, [new OutgoingMessage(card.ToString(Newtonsoft.Json.Formatting.None), $"{unit.UnitName}：{latest.Period.Label}排名")], ct);
    }

    /// <summary>In a personal chat: reply. In a group or channel: post into the asker's personal chat, and say so briefly.</summary>
    private async Task ReplyPrivatelyAsync(MessageRequest request, IReadOnlyList<OutgoingMessage> messages, CancellationToken ct)
    {
        var activities = messages.Select(m => (IActivity)Card.ToActivity(JObject.Parse(m.CardJson!), m.Text)).ToList();
        if (request.IsPersonal)
        {
            foreach (var activity in activities)
                await request.SendAsync(activity, ct);
            return;
        }
        if (!await _messenger.SendToUserAsync(request.User.Id, activities, ct))
        {
            await request.SendTextAsync("排名只通过私聊发送，但私信没有送达。请先打开与 InvestBot 的私聊，再发送“排名”或“我单位排名”。", ct);
            return;
        }
        await request.Turn.SendActivityAsync(MessageFactory.Text($"已私信发送给 {request.User.Name ?? "您"}。"), ct);
    }

    [GeneratedRegex(@"^(?<verb>发布|更正)排名(?<period>.*)$")]
    private static partial Regex PublishPattern();
}
