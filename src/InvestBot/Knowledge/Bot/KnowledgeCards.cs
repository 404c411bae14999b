using InvestBot.Teams.Cards;
using InvestBot.Teams;
using InvestBot.Knowledge;
using Newtonsoft.Json.Linq;

namespace InvestBot.Knowledge.Bot;

/// <summary>The admins' view of policy Q&amp;A: the gaps and the feedback.</summary>
public static class KnowledgeCards
{
    /// <summary>Enough of a question to see the gap; thirty questions of 300 characters would not fit one card.</summary>
    private const int QuestionLength = 100;

    public static JObject Statistics(IReadOnlyList<UnansweredQuestion> unanswered, IReadOnlyList<AnswerFeedback> feedback, TimeZoneInfo zone)
    {
        var helpful = feedback.Count(f => f.Helpful);
        var body = new List<JToken>
        {
            Card.Title("政策问答统计"),
            Card.Facts([("👍 有帮助", helpful.ToString()), ("👎 没帮助", (feedback.Count - helpful).ToString())]),
            Card.Heading($"最近未能回答的问题（{unanswered.Count}条）"),
        };
        body.Add(unanswered.Count == 0
            ? Card.Text("暂无未回答的问题。", isSubtle: true)
            : Card.Text(string.Join("\n\n", unanswered.Select(u => $"{TimeZoneInfo.ConvertTime(u.At, zone):MM-dd HH:mm} {CardText.Quote(u.Question, QuestionLength)}"))));
        var disliked = feedback.Where(f => !f.Helpful).Take(10).ToList();
        if (disliked.Count > 0)
        {
            body.Add(Card.Heading("最近被点 👎 的问题"));
            body.Add(Card.Text(string.Join("\n\n", disliked.Select(f => f.Article > 0 ? $"{CardText.Quote(f.Question, QuestionLength)}（第{f.Article}条）" : CardText.Quote(f.Question, QuestionLength)))));
        }
        return Card.Create(body, fallbackText: $"政策问答统计：👍{helpful} 👎{feedback.Count - helpful}，未回答 {unanswered.Count} 条。");
    }
}
