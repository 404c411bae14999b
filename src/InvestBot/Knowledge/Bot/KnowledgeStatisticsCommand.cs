using InvestBot.Common;
using InvestBot.Teams;
using InvestBot.Teams.Cards;

namespace InvestBot.Knowledge.Bot;

/// <summary>未答问题 (admins): the recent questions the bot could not answer and the 👍/👎 counts.</summary>
public sealed class KnowledgeStatisticsCommand(KnowledgeFeedbackStore store, OfficeClock clock) : ICommandHandler
{
    private const int Recent = 20;

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var unanswered = await store.RecentUnansweredAsync(Recent, ct);
        var feedback = await store.AllFeedbackAsync(ct);
        await request.SendAsync(Card.ToActivity(KnowledgeCards.Statistics(unanswered, feedback, clock.Zone), KnowledgeTexts.StatisticsSummary), ct);
    }
}
