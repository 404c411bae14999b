using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;

namespace InvestBot.Knowledge.Bot;

/// <summary>Free-text policy questions: what the router runs when no command row took the message.</summary>
public sealed class KnowledgeQuestionHandler(PolicyQuestionAnswerer answerer, KnowledgeBase kb, IUnitBindingStore bindings, UnitDirectory units,
    KnowledgeFeedbackStore feedback, OfficeClock clock, ILogger<KnowledgeQuestionHandler> log, InvestBotMetrics metrics) : IFreeTextHandler
{
    private const int MaxQuestionLength = 300;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        var text = request.Text.Trim();
        if (text.Length == 0)
            return false;
        if (text.Length > MaxQuestionLength)
        {
            await request.SendTextAsync(KnowledgeTexts.TooLong(MaxQuestionLength), ct);
            return true;
        }

        Unit? ownUnit = null;
        if (answerer.AsksAboutOwnUnit(text))
        {
            try
            {
                if (await bindings.GetAsync(request.User.Id, ct) is { } binding) ownUnit = units.FindById(binding.UnitId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Storage down: answer as for someone not bound (the answer says how to name the unit) rather than not at all.
                log.LogWarning("Could not look up the asker's unit ({Reason}); answering without it", ex.GetType().Name);
            }
        }
        var answer = answerer.Answer(text, ownUnit);
        var (card, summary) = AnswerCards.Build(answer, kb, clock.Today.Year);
        await request.SendAsync(Card.ToActivity(card, summary), ct);
        metrics.Question(answer.Outcome);

        if (!answer.Answered)
        {
            try
            {
                await feedback.LogUnansweredAsync(text, request.User.Id, answer.Kind.ToString(), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The user already has the answer; a storage hiccup must not turn it into an error.
                log.LogWarning(ex, "Could not log an unanswered question");
            }
        }
        return true;
    }
}
