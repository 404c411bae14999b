using InvestBot.Announcements;
using InvestBot.Common;
using InvestBot.Knowledge;
using InvestBot.Knowledge.Bot;
using InvestBot.Ranking.Bot;
using InvestBot.Teams.Cards;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// Admin lists that carry what people typed stay inside one Teams message (Card.MaxBytes) at the worst the inputs allow:
/// the longest questions, all of them punctuation (each escaped character doubles), and a hundred subscribed chats with
/// long names. What is cut ends with “…”; the whole question stays in the store.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CardBudgetTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-07T02:00:00Z");
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData('问')]
    [InlineData('[')]
    public void Twenty_unanswered_and_ten_disliked_questions_of_the_longest_kind_fit_one_card(char typed)
    {
        var longest = new string(typed, 300);
        var unanswered = Enumerable.Range(0, 20).Select(i => new UnansweredQuestion(longest, $"aad-{i}", "none", At)).ToList();
        var feedback = Enumerable.Range(0, 10).Select(i => new AnswerFeedback(new string(typed, FeedbackPayload.MaxQuestionLength), 22, false, $"aad-{i}", At)).ToList();

        var card = KnowledgeCards.Statistics(unanswered, feedback, Zone);

        Assert.InRange(Card.Size(card), 1, Card.MaxBytes);
        Assert.Equal(30, BotClient.CardText(card).Split('…').Length - 1);
        CardSchema.AssertValid(card);
    }

    [Fact]
    public void A_hundred_subscribed_chats_with_long_names_fit_one_card()
    {
        var subscriptions = Enumerable.Range(0, 100)
            .Select(i => new Subscription($"19:{i}@thread.v2", $"{i}" + new string('群', 200), "groupChat", "aad-admin", At)).ToList();

        var card = RankingCards.Subscriptions(subscriptions, new OfficeClock(TimeProvider.System, Zone));

        Assert.InRange(Card.Size(card), 1, Card.MaxBytes);
        Assert.Equal(100, card.SelectTokens("$..facts[*].title").Count(t => t.ToString().EndsWith('…')));
    }
}
