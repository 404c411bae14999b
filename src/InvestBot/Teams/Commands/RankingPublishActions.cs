using System.Text.RegularExpressions;
using InvestBot.Access;
using InvestBot.Ranking;
using InvestBot.Ranking.Delivery;
using InvestBot.Teams.Cards;

namespace InvestBot.Teams.Commands;

/// <summary>确认发布 / 取消 on the preview, and 刷新进度 on the progress card. Admin rights are checked again on every press.</summary>
public sealed partial class RankingPublishActions : ICardActionHandler
{
    private readonly RankingPublisher _publisher;
    private readonly AnnouncementStore _announcements;
    private readonly DeliveryStore _deliveries;
    private readonly UserRoles _roles;

    public RankingPublishActions(RankingPublisher publisher, AnnouncementStore announcements, DeliveryStore deliveries, UserRoles roles)
    {
        _publisher = publisher;
        _announcements = announcements;
        _deliveries = deliveries;
        _roles = roles;
    }

    public IReadOnlyCollection<string> Verbs => [RankingCards.ConfirmVerb, RankingCards.CancelVerb, RankingCards.ProgressVerb];

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        if (!_roles.IsAdmin(request.User))
            return CardActionResult.Say("只有区合作交流办管理员可以发布排名。");

        if (request.Verb == RankingCards.ProgressVerb)
        {
            var id = request.Data.Value<string>("announcement") ?? "";
            var a = AnnouncementId().IsMatch(id) ? await _announcements.GetAsync(id, ct) : null;
            if (a is null) return CardActionResult.Say("找不到这次发布，请重新发送命令。");
            return CardActionResult.Replace(RankingCards.Progress(a, await _deliveries.ProgressAsync(a.Id, ct), request.Turn.Activity.From?.Id));
        }

        var revisionToken = request.Data["revision"];
        if (!RankingPeriod.TryParse(request.Data["period"]?.Type == Newtonsoft.Json.Linq.JTokenType.String ? (string?)request.Data["period"] : null, out var period)
            || revisionToken?.Type != Newtonsoft.Json.Linq.JTokenType.Integer
            || (long)revisionToken is < 0 or > 999)
            return CardActionResult.Say("这个按钮的数据无效，请重新发送“发布排名 年-月”。");

        if (request.Verb == RankingCards.CancelVerb)
            return CardActionResult.Replace(RankingCards.Cancelled(period.Label));

        var outcome = await _publisher.PublishAsync(period, correction: (long)revisionToken > 0, request.User, expectedRevision: (int)(long)revisionToken, ct);
        return outcome.Status switch
        {
            PublishStatus.Started => CardActionResult.Replace(RankingCards.Progress(outcome.Announcement!,
                new DeliveryProgress(outcome.Total, 0, outcome.Total, 0, 0, []), request.Turn.Activity.From?.Id)),
            PublishStatus.AlreadyPublished => CardActionResult.Say($"{period.Label}的排名已经发布过，本次没有重复发送。如需更正，请发送“更正排名 {period.Key}”。"),
            PublishStatus.Stale => CardActionResult.Say($"{period.Label}的通报在您预览之后已有新的发布，本次没有发送。请重新发送“更正排名 {period.Key}”预览。"),
            PublishStatus.NothingToCorrect => CardActionResult.Say($"{period.Label}的排名尚未发布，无需更正。"),
            _ => CardActionResult.Say("没有订阅通报的群聊或频道，未发送。请先在群聊或频道中发送“订阅通报”。"),
        };
    }

    [GeneratedRegex(@"^\d{4}-\d{2}\.r\d{1,3}$")]
    private static partial Regex AnnouncementId();
}
