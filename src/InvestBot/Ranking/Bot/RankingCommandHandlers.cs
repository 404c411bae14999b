using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Ranking.Bot;

/// <summary>发布排名 2023-03 / 更正排名 2023-03 (admins, personal chat): a private preview with 确认发布 / 取消.
/// A month that has not ended cannot be published.</summary>
public sealed class PublishRankingCommand(RankingPublisher publisher, RankingPreview previews, OfficeClock clock) : ICommandHandler
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
        // The current month has not ended: its figures cannot be reported yet, so there is nothing to rank.
        if (string.CompareOrdinal(period.Key, thisMonth.Key) >= 0)
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
        if (correction && preview.Unchanged)
        {
            await request.SendTextAsync(RankingTexts.NothingChanged(period, clock.ToLocal(preview.Existing.MaxBy(a => a.Revision)!.PublishedAt)), ct);
            return;
        }
        if (preview.Subscribers == 0)
        {
            await request.SendTextAsync(RankingTexts.NoSubscribers, ct);
            return;
        }
        foreach (var activity in previews.Activities(preview, period, request.User))
            await request.SendAsync(activity, ct);
    }
}

/// <summary>The preview an admin confirms: the announcement as it would go out, then the confirm card.</summary>
public sealed class RankingPreview(IAnnouncementRenderer renderer, OfficeClock clock)
{
    public IReadOnlyList<IActivity> Activities(PublishPreview preview, RankingPeriod period, UserIdentity by)
    {
        var draft = new Announcement(period, preview.NextRevision, RankingSnapshot.ForPublication(preview.Ranking), by.Id, by.Name, clock.UtcNow);
        var activities = renderer.Render(draft)
            .Select(part => (IActivity)Card.ToActivity(JObject.Parse(part.CardJson!), "预览：" + part.Text))
            .ToList();
        activities.Add(Card.ToActivity(RankingCards.Confirm(preview, period), $"确认发布{period.Label}通报"));
        return activities;
    }
}

/// <summary>The schedule's preview, sent to every admin's personal chat to confirm (<see cref="ScheduleMode.Preview"/>).</summary>
public sealed class AdminPreviewSender(PersonalMessenger messenger, UserRoles roles, RankingPreview previews) : IPreviewSender
{
    public async Task<int> SendAsync(PublishPreview preview, RankingPeriod period, string intro, CancellationToken ct)
    {
        var activities = previews.Activities(preview, period, ScheduledPublication.ScheduleUser).Prepend(MessageFactory.Text(intro)).ToList();
        var reached = 0;
        foreach (var admin in roles.AdminIds)
            if (await messenger.SendToUserAsync(admin, activities, ct)) reached++;
        return reached;
    }
}

/// <summary>排名 / 本月排名: the latest published ranking, always privately (a private row of the table).</summary>
public sealed class LatestRankingCommand(RankingAnnouncementStore announcements, IAnnouncementRenderer renderer, Bulletin.BulletinLinks links) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (await announcements.LatestAsync(ct) is not { } latest)
        {
            await request.SendTextAsync(RankingTexts.NothingPublished, ct);
            return;
        }
        foreach (var part in renderer.Render(latest, await links.ForCardAsync(latest, ct)))
            await request.SendAsync(Card.ToActivity(JObject.Parse(part.CardJson!), part.Text), ct);
    }
}

/// <summary>我单位排名: the bound unit's place in the latest ranking, always privately (a private row of the table).</summary>
public sealed class UnitRankingCommand(RankingAnnouncementStore announcements, IUnitBindingStore bindings, MetricCatalog catalog) : ICommandHandler
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
        if ((unit is null || category is null) && latest.Ranking.CheckOf(binding.UnitId) is { } check)
        {
            var checkCard = RankingCards.UnitCheck(latest, check, catalog);
            await request.SendAsync(Card.ToActivity(checkCard, $"{check.UnitName}：{latest.Period.Label}目标完成情况"), ct);
            return;
        }
        if (unit is null || category is null)
        {
            await request.SendTextAsync(RankingTexts.NotRanked(latest.Period), ct);
            return;
        }
        await request.SendAsync(Card.ToActivity(RankingCards.UnitRank(latest, unit, category, catalog), $"{unit.UnitName}：{latest.Period.Label}排名"), ct);
    }
}

/// <summary>
/// 导出通报表 2026-03 (admins, privately): the month's 招商引资情况通报表 as Word and Excel, from the latest published
/// revision's snapshot (a 更正 if there was one), as two short-lived links.
/// </summary>
public sealed class ExportBulletinCommand(RankingAnnouncementStore announcements, Bulletin.BulletinLinks links, OfficeClock clock) : ICommandHandler
{
    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var example = new RankingPeriod(clock.LocalNow.Year, clock.LocalNow.Month).PreviousMonth;
        var (named, month) = MonthInText.Find(TypedText.Normalize(request.Args), clock.Today);
        if (!named)
        {
            await request.SendTextAsync(RankingTexts.AskMonth("导出通报表", "导出通报表", example.Key), ct);
            return;
        }
        if (month is not { } m)
        {
            await request.SendTextAsync(RankingTexts.BadMonth(request.Args, example), ct);
            return;
        }
        var period = RankingPeriod.From(m);
        if ((await announcements.ListAsync(period, ct)).FirstOrDefault() is not { } latest || await announcements.GetAsync(latest.Id, ct) is not { } a)
        {
            await request.SendTextAsync(RankingTexts.NotPublished(period), ct);
            return;
        }
        var (word, expires) = await links.ForAdminAsync(a, Bulletin.BulletinFormat.Word, ct);
        var (book, _) = await links.ForAdminAsync(a, Bulletin.BulletinFormat.Workbook, ct);
        var title = RankingTexts.BulletinReady(a);
        var card = Card.Create(
            [Card.Title(title), Card.Text(BotTexts.LinkValidUntil(clock.ToLocal(expires)), isSubtle: true)],
            [
                new JObject { ["type"] = "Action.OpenUrl", ["title"] = "下载 Word", ["url"] = word },
                new JObject { ["type"] = "Action.OpenUrl", ["title"] = BotTexts.DownloadExcel, ["url"] = book },
            ],
            $"{title}：{word}");
        await request.SendAsync(Card.ToActivity(card, title), ct);
    }
}
