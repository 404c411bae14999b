using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.Knowledge.Bot;

/// <summary>
/// Answers to questions about the office's process: the answer from the bot's settings first, what is a setting and what
/// is the notice's rule said plainly, then each article behind it as the notice writes it.
/// </summary>
public static class ProcessCards
{
    public static (JObject Card, string Summary) Build(ProcessQuestion question, OfficeProcess process, PolicyDocument document, string asked)
    {
        var (title, answer, details, source, button) = question.Topic switch
        {
            ProcessTopic.Deadline => (KnowledgeTexts.DeadlineTitle, KnowledgeTexts.DeadlineAnswer(process.WindowStartDay, process.WindowEndDay),
                new[] { KnowledgeTexts.DeadlineLock(process.WindowEndDay, process.ReopenDays),
                    process.ReminderDaysBefore > 0 ? KnowledgeTexts.DeadlineReminders(process.ReminderDaysBefore) : null },
                KnowledgeTexts.DeadlineSource, Card.Say(KnowledgeTexts.OpenForm, "填报")),
            ProcessTopic.Frequency => (KnowledgeTexts.FrequencyTitle, KnowledgeTexts.FrequencyAnswer,
                new[] { KnowledgeTexts.FrequencyWhen(process.WindowEndDay, process.PublishDay) },
                KnowledgeTexts.FrequencySource, Card.Say(KnowledgeTexts.ShowRanking, "排名")),
            ProcessTopic.Correction => (KnowledgeTexts.CorrectionTitle, KnowledgeTexts.CorrectionAnswer(process.WindowEndDay),
                new[] { KnowledgeTexts.CorrectionAfterDeadline(process.WindowEndDay, process.ReopenDays), KnowledgeTexts.CorrectionPublished },
                KnowledgeTexts.CorrectionSource, Card.Say(KnowledgeTexts.OpenForm, "填报")),
            _ => (KnowledgeTexts.ConsequenceTitle, KnowledgeTexts.ConsequenceAnswer,
                new[] { KnowledgeTexts.ConsequenceMore },
                KnowledgeTexts.ConsequenceSource, Card.Say(KnowledgeTexts.ShowRanking, "排名")),
        };
        var articles = question.Articles.Select(n => document.Article(n)!).ToList();
        var body = new List<JToken?>
        {
            Card.Title(title),
            Card.Text("答：" + answer, size: "Medium", weight: "Bolder", color: "Accent"),
        };
        body.AddRange(details.Where(d => d is not null).Select(d => Card.Text(d!)));
        body.Add(Card.Text(source, isSubtle: true));
        body.Add(Card.Heading(KnowledgeTexts.ProcessBasis));
        if (articles.Count == 0) body.Add(Card.Text(KnowledgeTexts.ProcessNoArticle));
        foreach (var article in articles)
        {
            body.Add(Card.Text(article.Heading, weight: "Bolder"));
            body.Add(Card.Text(article.Body, spacing: "None"));
        }
        body.Add(Card.ActionSet(AnswerCards.FeedbackButtons(asked, articles.Count > 0 ? articles[0].Number : 0)));
        var plain = $"{title}\n答：{answer}\n{string.Join("\n", details.Where(d => d is not null))}\n{KnowledgeTexts.ProcessBasis}：{(articles.Count > 0 ? string.Join("；", articles.Select(a => a.Heading)) : KnowledgeTexts.ProcessNoArticle)}";
        return (Card.Create(body, [button], plain), title);
    }
}
