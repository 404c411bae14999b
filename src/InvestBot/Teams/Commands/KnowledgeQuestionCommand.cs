using InvestBot.Access;
using InvestBot.Knowledge;
using InvestBot.Organization;
using InvestBot.Teams.Cards;
using InvestBot.Telemetry;

namespace InvestBot.Teams.Commands;

/// <summary>
/// Free-text policy questions: the fallback after every exact command. It declines messages that start with
/// another capability's command word (填报, 绑定, 排名 …) so those still reach their owner or the help card.
/// </summary>
public sealed class KnowledgeQuestionCommand : IMessageCommand
{
    private const int MaxQuestionLength = 300;
    private readonly PolicyQuestionAnswerer _answerer;
    private readonly KnowledgeBase _kb;
    private readonly IUnitBindingStore _bindings;
    private readonly UnitDirectory _units;
    private readonly KnowledgeFeedbackStore _feedback;
    private readonly ILogger<KnowledgeQuestionCommand> _log;
    private readonly InvestBotMetrics _metrics;

    public KnowledgeQuestionCommand(PolicyQuestionAnswerer answerer, KnowledgeBase kb, IUnitBindingStore bindings, UnitDirectory units,
        KnowledgeFeedbackStore feedback, ILogger<KnowledgeQuestionCommand> log, InvestBotMetrics metrics)
    {
        _metrics = metrics;
        _answerer = answerer;
        _kb = kb;
        _bindings = bindings;
        _units = units;
        _feedback = feedback;
        _log = log;
    }

    public int Order => 1000;

    /// <summary>
    /// A command word alone or followed by its argument (填报 / 导出 2023-03 / 填报3月数据) belongs to another capability
    /// even when that capability declined it; a question that merely starts with one (排名靠后会怎样) is ours.
    /// </summary>
    private bool LooksLikeOtherCommand(string text) =>
        _kb.Lexicon.OtherCommandWords.Any(w => text.StartsWith(w, StringComparison.OrdinalIgnoreCase)
            && (text.Length == w.Length || char.IsWhiteSpace(text[w.Length]) || char.IsAsciiDigit(text[w.Length])));

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        var text = request.Text.Trim();
        if (text.Length == 0 || LooksLikeOtherCommand(text))
            return false;
        if (text.Length > MaxQuestionLength)
        {
            await request.SendTextAsync($"问题太长了（超过{MaxQuestionLength}个字），请简要描述您想了解的内容，例如“外资企业要引进几家”。", ct);
            return true;
        }

        Unit? ownUnit = null;
        if (_answerer.AsksAboutOwnUnit(text) && await _bindings.GetAsync(request.User.Id, ct) is { } binding)
            ownUnit = _units.FindById(binding.UnitId);
        var answer = _answerer.Answer(text, ownUnit);
        var (card, summary) = AnswerCards.Build(answer, _kb);
        await request.SendAsync(Card.ToActivity(card, summary), ct);
        _metrics.Question(answer.Outcome);

        if (!answer.Answered)
        {
            try
            {
                await _feedback.LogUnansweredAsync(text, request.User.Id, answer.Kind.ToString(), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The user already has the answer; a storage hiccup must not turn it into an error.
                _log.LogWarning(ex, "Could not log an unanswered question");
            }
        }
        return true;
    }
}
