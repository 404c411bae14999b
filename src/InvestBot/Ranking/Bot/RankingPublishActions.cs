using InvestBot.Announcements;
using InvestBot.Teams;

namespace InvestBot.Ranking.Bot;

/// <summary>确认发布 / 取消 on the preview, and 刷新进度 on the progress card. The router checks the admin role on every press.</summary>
public sealed class RankingPublishActions(RankingPublisher publisher, RankingAnnouncementStore announcements, DeliveryStore deliveries) : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        if (request.Verb == RankingCards.ProgressVerb)
        {
            var a = request.Read<ProgressPayload>() is { } progress ? await announcements.GetAsync(progress.Announcement, ct) : null;
            if (a is null) return CardActionResult.Say(RankingTexts.PublicationNotFound);
            return CardActionResult.Replace(RankingCards.Progress(a, await deliveries.ProgressAsync(a.Id, ct), request.Turn.Activity.From?.Id));
        }

        if (request.Read<PublishPayload>() is not { } payload)
            return CardActionResult.Say(RankingTexts.PublishButtonInvalid);
        var period = payload.RankingPeriod;
        if (request.Verb == RankingCards.CancelVerb)
            return CardActionResult.Replace(RankingCards.Cancelled(period.Label));

        var outcome = await publisher.PublishAsync(period, correction: payload.Revision > 0, request.User, expectedRevision: payload.Revision,
            expectedInterview: payload.Interview, ct);
        return outcome.Status switch
        {
            PublishStatus.Started => CardActionResult.Replace(RankingCards.Progress(outcome.Announcement!,
                new DeliveryProgress(outcome.Total, 0, outcome.Total, 0, 0, []), request.Turn.Activity.From?.Id)),
            PublishStatus.AlreadyPublished => CardActionResult.Say(RankingTexts.AlreadyPublished(period)),
            PublishStatus.Stale => CardActionResult.Say(RankingTexts.StalePreview(period)),
            PublishStatus.InterviewChanged => CardActionResult.Say(RankingTexts.InterviewChanged(period, payload.Revision > 0)),
            PublishStatus.NothingToCorrect => CardActionResult.Say(RankingTexts.NothingToCorrectShort(period)),
            PublishStatus.Unchanged => CardActionResult.Say(RankingTexts.NothingChangedShort(period)),
            _ => CardActionResult.Say(RankingTexts.NoSubscribersSent),
        };
    }
}
