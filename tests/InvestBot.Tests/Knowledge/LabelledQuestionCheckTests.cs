using InvestBot.Teams;
using Xunit;

namespace InvestBot.Tests.Knowledge;

/// <summary>The labelled set's process and command modes: what passes and what fails each.</summary>
[Trait("Category", "Unit")]
public sealed class LabelledQuestionCheckTests
{
    private static LabelledQuestion Process(params int[] articles) => new("几号报", "process", articles, 1);

    private static LabelledQuestion Command(string name) => new("天报", "command", [], 1, name);

    [Fact]
    public void A_process_question_needs_the_process_card_citing_every_expected_article()
    {
        const string card = "每月什么时候填报\n答：每月5日前填报。\n文件依据\n（二十五）提高通报考评频率\n（二十七）强化绩效结果运用";

        Assert.Null(LabelledQuestions.Check(Process(25, 27), card));
        Assert.Equal("basis misses 27", LabelledQuestions.Check(Process(25, 27), card.Replace("（二十七）强化绩效结果运用", "")));
        // The notice's article alone, without the answer from the settings, is not the process answer.
        Assert.NotNull(LabelledQuestions.Check(Process(25), "（二十五）提高通报考评频率\n结合全市招商引资工作要求……"));
    }

    [Fact]
    public void A_command_question_needs_the_suggestion_of_that_command_or_the_commands_own_reply()
    {
        const string own = "目前还没有发布过排名通报。";

        Assert.Null(LabelledQuestions.Check(Command("排名"), BotTexts.DidYouMeanCommand("排名") + "\n用法：排名"));
        Assert.Null(LabelledQuestions.Check(Command("排名"), own, own));
        Assert.NotNull(LabelledQuestions.Check(Command("排名"), BotTexts.DidYouMeanCommand("填报"), own));
        Assert.NotNull(LabelledQuestions.Check(Command("排名"), "（二十五）提高通报考评频率", own));
    }

    [Fact]
    public void A_command_line_names_its_command()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# comment\n填保\tcommand\t填报\n第一条\ttop1\t1\n");
            var questions = LabelledQuestions.Load(path);
            Assert.Equal("填报", questions[0].Command);
            Assert.Equal([1], questions[1].Expected);

            File.WriteAllText(path, "填保\tcommand\t\n");
            Assert.Throws<InvalidDataException>(() => LabelledQuestions.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
