using InvestBot.Knowledge;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Commands;

/// <summary>👍/👎 under an answer. The card data is untrusted: every field is checked before it is stored.</summary>
public sealed class KnowledgeFeedbackHandler : ICardActionHandler
{
    private const int MaxQuestionLength = 200;
    private readonly KnowledgeFeedbackStore _store;
    private readonly KnowledgeBase _kb;

    public KnowledgeFeedbackHandler(KnowledgeFeedbackStore store, KnowledgeBase kb)
    {
        _store = store;
        _kb = kb;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [AnswerCards.FeedbackVerb];

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        var question = request.Data["q"]?.Type == JTokenType.String ? request.Data.Value<string>("q")!.Trim() : "";
        var vote = request.Data["v"]?.Type == JTokenType.String ? request.Data.Value<string>("v") : null;
        var article = request.Data["a"]?.Type == JTokenType.Integer ? request.Data.Value<long>("a") : -1;
        if (question.Length == 0 || question.Length > MaxQuestionLength || vote is not ("up" or "down")
            || article < 0 || article > _kb.Document.Articles.Count)
            return CardActionResult.Say("这条反馈的内容无法识别，没有被记录。请在答案卡片上重新点击 👍 或 👎。");

        await _store.AddFeedbackAsync(question, (int)article, vote == "up", request.User.Id, ct);
        return CardActionResult.Say(vote == "up"
            ? "感谢您的反馈！"
            : "感谢反馈，我们会改进这个回答。您也可以换个说法再问一次，或直接发送条款编号，例如“第22条”。");
    }
}
