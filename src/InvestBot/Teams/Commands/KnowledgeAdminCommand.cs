using InvestBot.Access;
using InvestBot.Knowledge;
using InvestBot.Teams.Cards;

namespace InvestBot.Teams.Commands;

/// <summary>未答问题 (admins): the recent questions the bot could not answer and the 👍/👎 counts.</summary>
public sealed class KnowledgeAdminCommand : IMessageCommand
{
    private const int Recent = 20;
    private static readonly string[] Words = ["未答问题", "问答统计", "问答反馈"];
    private readonly KnowledgeFeedbackStore _store;
    private readonly UserRoles _roles;

    public KnowledgeAdminCommand(KnowledgeFeedbackStore store, UserRoles roles)
    {
        _store = store;
        _roles = roles;
    }

    public int Order => 60;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        if (!Words.Contains(request.Text.Trim()))
            return false;
        if (!_roles.IsAdmin(request.User))
        {
            await request.SendTextAsync("只有区合作交流办的管理员可以查看问答统计。", ct);
            return true;
        }
        var unanswered = await _store.RecentUnansweredAsync(Recent, ct);
        var feedback = await _store.AllFeedbackAsync(ct);
        var card = KnowledgeCards.Statistics(unanswered, feedback);
        await request.SendAsync(Card.ToActivity(card, "政策问答统计"), ct);
        return true;
    }
}
