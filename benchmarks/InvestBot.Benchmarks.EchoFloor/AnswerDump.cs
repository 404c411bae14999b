using InvestBot.Knowledge;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Knowledge;

namespace InvestBot.Benchmarks.EchoFloor;

/// <summary>
/// Every labelled question's answer in one line (kind, article, candidates), for comparing two versions of the
/// answerer: a speed-up must not change a single answer.
/// </summary>
public static class AnswerDump
{
    public static void Print(IEnumerable<string>? questions = null)
    {
        var answerer = KnowledgeFixture.Answerer;
        foreach (var text in questions ?? LabelledQuestions.Load().Select(q => q.Text))
        {
            var a = answerer.Answer(text);
            Console.WriteLine($"{text}\t{a.Kind}\t{a.Article?.Number}\t{string.Join(",", a.Candidates.Select(c => c.Number))}\t" +
                string.Join(",", a.Targets.Select(t => t.Phrase)) + "\t" + string.Join(";", a.DutyLists.Select(d => d.Subject + ":" + string.Join(",", d.Duties.Select(x => x.Article.Number)))));
        }
    }
}
