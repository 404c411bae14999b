using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Ranking.Delivery;
using InvestBot.Reporting;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Ranking.Bot;

/// <summary>发布排名 2023-03 / 更正排名 2023-03 (admins, personal chat): a private preview with 确认发布 / 取消.</summary>
public sealed class PublishRankingCommand(RankingPublisher publisher, IAnnouncementRenderer renderer, OfficeClock clock) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var correction = request.Command.Name == "更正排名";
        var verb = request.Command.Name;
        var action = correction ? "更正" : "发布";
        var thisMonth = new RankingPeriod(clock.LocalNow.Year, clock.LocalNow.Month);
        var (named, month) = MonthInText.Find(request.Args, clock.Today);
        if (!named)
        {
            await request.SendTextAsync(RankingTexts.AskMonth(verb, action, thisMonth.PreviousMonth.Key), ct);
            return;
        }
        if (month is not { } reportingMonth)
        {
            await request.SendTextAsync(RankingTexts.BadMonth(request.Args, thisMonth.PreviousMonth), ct);
            return;
        }
        var period = RankingPeriod.From(reportingMonth);
        if (string.CompareOrdinal(period.Key, thisMonth.Key) > 0)
        {
            await request.SendTextAsync(RankingTexts.NotYet(period), ct);
            return;
        }

        var preview = await publisher.PreviewAsync(period, ct);
        if (!correction && preview.Existing.Count > 0)
        {
            await request.SendTextAsync(RankingTexts.PublishedAt(period, clock.ToLocal(preview.Existing[^1].PublishedAt)), ct);
            return;
        }
        if (correction && preview.Existing.Count == 0)
        {
            await request.SendTextAsync(RankingTexts.NothingToCorrect(period), ct);
            return;
        }
        if (preview.Subscribers == 0)
        {
            await request.SendTextAsync(RankingTexts.NoSubscribers, ct);
            return;
        }
        var draft = new Announcement(period, preview.NextRevision, RankingSnapshot.ForPublication(preview.Ranking), request.User.Id, request.User.Name, clock.UtcNow);
        foreach (var part in renderer.Render(draft))
            await request.SendAsync(Card.ToActivity(JObject.Parse(part.CardJson!), "预览：" + part.Text), ct);
        await request.SendAsync(Card.ToActivity(RankingCards.Confirm(preview, period), $"确认发布{period.Label}通报"), ct);
    }
}

/// <summary>排名 / 本月排名: the latest published ranking, always privately (a private row of the table).</summary>
public sealed class LatestRankingCommand(AnnouncementStore announcements, IAnnouncementRenderer renderer) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (await announcements.LatestAsync(ct) is not { } latest)
        {
            await request.SendTextAsync(RankingTexts.NothingPublished, ct);
            return;
        }
        foreach (var part in renderer.Render(latest))
            await request.SendAsync(Card.ToActivity(JObject.Parse(part.CardJson!), part.Text), ct);
    }
}

/// <summary>我单位排名: the bound unit's place in the latest ranking, always privately (a private row of the table).</summary>
public sealed class UnitRankingCommand(AnnouncementStore announcements, IUnitBindingStore bindings, MetricCatalog catalog) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (await bindings.GetAsync(request.User.Id, ct) is not { } binding)
        {
            await request.SendTextAsync(RankingTexts.NotBoundForRank, ct);
            return;
        }
        if (await announcements.LatestAsync(ct) is not { } latest)
        {
            await request.SendTextAsync(RankingTexts.NothingPublished, ct);
            return;
        }
        var unit = latest.Ranking.Find(binding.UnitId);
        var category = latest.Ranking.CategoryOf(binding.UnitId);
        if (unit is null || category is null)
        {
            await request.SendTextAsync(RankingTexts.NotRanked(latest.Period), ct);
            return;
        }
        await request.SendAsync(Card.ToActivity(RankingCards.UnitRank(latest, unit, category, catalog), $"{unit.UnitName}：{latest.Period.Label}排名"), ct);
    }
}
