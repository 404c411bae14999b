using InvestBot.Organization;
using InvestBot.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace InvestBot.Tests.Knowledge;

/// <summary>
/// The quality gate: every labelled question goes through the real bot (HTTP /api/messages, real adapter,
/// Azurite tables) and the reply's article labels are checked.
/// </summary>
[Trait("Category", "Http")]
public sealed class QualityGateTests
{
    private readonly ITestOutputHelper _output;

    public QualityGateTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Answers_the_labelled_question_set()
    {
        var questions = LabelledQuestions.Load();
        await using var app = await BotApp.StartAsync();
        var client = app.Client();
        var user = TestUser.Named("李明");

        var commandReplies = await LabelledQuestions.CommandRepliesAsync(questions, async text => BotClient.AllText(await client.SayAsync(text, user)));

        var failures = new List<(LabelledQuestion Q, string Why)>();
        foreach (var q in questions)
        {
            var replies = await client.SayAsync(q.Text, user);
            if (LabelledQuestions.Check(q, BotClient.AllText(replies), q.Command is { } c ? commandReplies[c] : null) is { } why)
                failures.Add((q, why));
        }
        foreach (var (q, why) in failures) _output.WriteLine($"FAIL line {q.Line}: {q} → {why}");

        var single = questions.Where(q => q.Mode == "top1").ToList();
        var singleRight = single.Count - failures.Count(f => f.Q.Mode == "top1");
        var accuracy = (double)singleRight / single.Count;
        _output.WriteLine($"single-answer accuracy {singleRight}/{single.Count} = {accuracy:P1}");
        Assert.True(accuracy >= 0.98, $"single-answer accuracy {accuracy:P1} < 98%:\n" + string.Join("\n", failures.Select(f => $"{f.Q} → {f.Why}")));
        Assert.True(failures.All(f => f.Q.Mode == "top1"),
            "unit-duty / listing / nothing-found / unsure / process / command questions must all pass:\n" + string.Join("\n", failures.Where(f => f.Q.Mode != "top1").Select(f => $"{f.Q} → {f.Why}")));
    }
}

/// <summary>The labelled set itself: big enough, a superset of dev-questions.tsv, every article and unit covered.</summary>
[Trait("Category", "Unit")]
public sealed class QuestionSetTests
{
    [Fact]
    public void Question_set_is_large_and_covers_every_article_and_unit()
    {
        var questions = LabelledQuestions.Load();
        Assert.True(questions.Count >= 200, $"only {questions.Count} questions");

        var dev = LabelledQuestions.Load(RepoPaths.TestData("dev-questions.tsv"));
        foreach (var q in dev)
            Assert.Contains(questions, x => x.Text == q.Text && x.Mode == q.Mode && x.Expected.SequenceEqual(q.Expected));

        // Every article must be the answer to some single-answer question, not only appear in a listing.
        var covered = questions.Where(q => q.Mode == "top1").SelectMany(q => q.Expected).ToHashSet();
        Assert.All(Enumerable.Range(1, 30), n => Assert.Contains(n, covered));

        var units = UnitDirectory.Load(RepoPaths.SourceData("units.json"));
        var asked = questions.Where(q => q.Mode == "all").SelectMany(q => units.FindMentions(q.Text)).Select(u => u.Id).ToHashSet();
        Assert.All(units.Units, u => Assert.True(asked.Contains(u.Id), $"no unit-duty question for {u.Name}"));
    }
}
