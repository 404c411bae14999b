using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;
using InvestBot.Teams.Commands;

namespace InvestBot.Knowledge.Bot;

/// <summary>
/// Buttons another capability offers under the answer to an article, so that reading a rule leads to doing the work it asks
/// for (the key-project commands under （二十六）). Action.Execute buttons; the role is checked again when pressed.
/// </summary>
public interface IArticleButtons
{
    IEnumerable<JObject> For(int article, bool isAdmin);
}

/// <summary>
/// Free-text questions: what the router runs when no command row took the message. Questions about the office's process
/// (几号前报) are answered from its settings; policy questions from the notice; a mistyped command word the notice
/// knows nothing about (天报) gets 您是不是想用 填报？ instead of "not found", and so does one the Q&amp;A could only read as
/// asking about the asker's unit (我单位排民: an answer that says nothing but "bind first").
/// </summary>
public sealed class KnowledgeQuestionHandler(PolicyQuestionAnswerer answerer, KnowledgeBase kb, IUnitBindingStore bindings, UnitDirectory units,
    UnansweredQuestionLog unanswered, ProcessQuestions processQuestions, OfficeProcess process, CommandSuggestions commands,
    OfficeClock clock, IEnumerable<IArticleButtons> articleButtons, UserRoles roles, ILogger<KnowledgeQuestionHandler> log,
    InvestBotMetrics metrics) : IFreeTextHandler
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

        if (processQuestions.Match(text) is { } processQuestion)
        {
            var (processCard, processSummary) = ProcessCards.Build(processQuestion, process, kb.Document, text);
            await request.SendAsync(Card.ToActivity(processCard, processSummary), ct);
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
        var foundNothing = answer.Kind is AnswerKind.NotFound or AnswerKind.Suggestions or AnswerKind.NeedsBinding;
        if (commands.For(text, ConversationScopes.Of(request.ConversationType), request.User, spacedOnly: !foundNothing) is { } suggestion)
        {
            await request.SendAsync(Card.ToActivity(SuggestionCards.DidYouMean(suggestion), BotTexts.DidYouMeanCommand(suggestion.Command.Name)), ct);
            return true;
        }
        var buttons = answer.Article is { } article
            ? articleButtons.SelectMany(b => b.For(article.Number, roles.IsAdmin(request.User))).ToList()
            : [];
        var (card, summary) = AnswerCards.Build(answer, kb, clock.Today.Year, buttons);
        await request.SendAsync(Card.ToActivity(card, summary), ct);
        metrics.Question(answer.Outcome);

        if (!answer.Answered)
            unanswered.Add(text, request.User.Id, answer.Kind.ToString());
        return true;
    }
}
