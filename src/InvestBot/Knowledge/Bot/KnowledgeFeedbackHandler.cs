using InvestBot.Teams;

namespace InvestBot.Knowledge.Bot;

/// <summary>👍/👎 under an answer. The card data is untrusted: <see cref="FeedbackPayload"/> checks every field before it is stored.</summary>
public sealed class KnowledgeFeedbackHandler(KnowledgeFeedbackStore store, KnowledgeBase kb) : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct)
    {
        if (request.Read<FeedbackPayload>() is not { } feedback || feedback.A > kb.Document.Articles.Count)
            return CardActionResult.Say(KnowledgeTexts.FeedbackInvalid);

        await store.AddFeedbackAsync(feedback.Q.Trim(), (int)feedback.A, feedback.V == "up", request.User.Id, ct);
        return CardActionResult.Say(feedback.V == "up" ? KnowledgeTexts.FeedbackThanks : KnowledgeTexts.FeedbackWillImprove);
    }
}
