using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.Knowledge.Bot;

/// <summary>
/// Buttons another capability offers under the answer to an article, so that reading a rule leads to doing the work it asks
/// for (the key-project commands under （二十六）). Action.Execute buttons; the role is checked again when pressed.
/// </summary>
public interface IArticleButtons
{
    IEnumerable<JObject> For(int article, bool isAdmin);
}

/// <summary>Free-text policy questions: what the router runs when no command row took the message.</summary>
public sealed class KnowledgeQuestionHandler(PolicyQuestionAnswerer answerer, KnowledgeBase kb, IUnitBindingStore bindings, UnitDirectory units,
    KnowledgeFeedbackStore feedback, IEnumerable<IArticleButtons> articleButtons, UserRoles roles, ILogger<KnowledgeQuestionHandler> log) : IFreeTextHandler
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
        if (answerer.AsksAboutOwnUnit(text) && await bindings.GetAsync(request.User.Id, ct) is { } binding)
            ownUnit = units.FindById(binding.UnitId);
        var answer = answerer.Answer(text, ownUnit);
        var buttons = answer.Article is { } article
            ? articleButtons.SelectMany(b => b.For(article.Number, roles.IsAdmin(request.User))).ToList()
            : [];
        var (card, summary) = AnswerCards.Build(answer, kb, buttons);
        await request.SendAsync(Card.ToActivity(card, summary), ct);

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
