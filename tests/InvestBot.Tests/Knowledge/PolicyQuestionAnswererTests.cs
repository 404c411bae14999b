using InvestBot.Knowledge;
using Xunit;

namespace InvestBot.Tests.Knowledge;

[Trait("Category", "Unit")]
public sealed class PolicyQuestionAnswererTests
{
    private static PolicyAnswer Ask(string q) => KnowledgeFixture.Answerer.Answer(q);

    [Theory]
    [InlineData("第22条")]
    [InlineData("第二十二条")]
    [InlineData("二十二条")]
    [InlineData("（二十二）")]
    [InlineData("(22)")]
    [InlineData("条款二十二")]
    [InlineData("第２２条是什么意思？")]
    public void Reads_an_article_number_in_any_form(string q)
    {
        var a = Ask(q);
        Assert.Equal(AnswerKind.Article, a.Kind);
        Assert.Equal(22, a.Article!.Number);
    }

    [Fact]
    public void Three_main_chains_is_not_article_three()
    {
        var a = Ask("三条主链招商");
        Assert.Equal(10, a.Article!.Number);
    }

    [Fact]
    public void An_article_the_notice_lacks_is_said_so()
    {
        var a = Ask("第三十五条");
        Assert.Equal(AnswerKind.NoSuchArticle, a.Kind);
        Assert.Equal(35, a.AskedNumber);
    }

    [Theory]
    [InlineData("区商务局负责哪些条款", "dept-swj")]
    [InlineData("大口屯镇要做什么", "town-dakoutun")]
    [InlineData("人社局的职责", "dept-rsj")]
    [InlineData("经开区有哪些任务", "platform-kfq")]
    public void Unit_duty_questions_list_the_units_articles(string q, string unitId)
    {
        var a = Ask(q);
        Assert.Equal(AnswerKind.UnitDuties, a.Kind);
        Assert.Equal(unitId, a.Unit!.Id);
        Assert.Equal(KnowledgeFixture.Kb.DutiesOf(a.Unit).Select(d => d.Article.Number), a.Duties.Select(d => d.Article.Number));
    }

    [Fact]
    public void Several_units_in_one_question_get_one_list_each()
    {
        var a = Ask("区商务局和发改委分别负责什么");
        Assert.Equal(AnswerKind.UnitDuties, a.Kind);
        Assert.Equal(["区商务局", "区发展改革委"], a.DutyLists.Select(l => l.Subject));
        Assert.Equal([3, 14, 15, 20], a.DutyLists[1].Duties.Where(d => d.Reason == DutyReason.Named).Select(d => d.Article.Number));
    }

    [Fact]
    public void A_whole_kind_of_unit_gets_its_group_articles()
    {
        var towns = Ask("各街镇要做什么");
        Assert.Equal(AnswerKind.UnitDuties, towns.Kind);
        Assert.StartsWith("街镇", towns.DutySubject);
        Assert.Equal([1, 2, 5, 8, 15, 18, 19, 23, 24, 27, 29],
            towns.Duties.Where(d => d.Reason == DutyReason.Group).Select(d => d.Article.Number));

        var groups = Ask("走出去招商组要做什么");
        Assert.Equal([9, 28], groups.Duties.Select(d => d.Article.Number));
    }

    [Fact]
    public void My_unit_needs_a_binding_and_uses_it_when_present()
    {
        Assert.True(KnowledgeFixture.Answerer.AsksAboutOwnUnit("我单位的职责"));
        Assert.Equal(AnswerKind.NeedsBinding, Ask("我单位的职责").Kind);

        var unit = KnowledgeFixture.Kb.Units.FindByName("区税务局")!;
        var a = KnowledgeFixture.Answerer.Answer("我单位的职责", unit);
        Assert.Equal(AnswerKind.UnitDuties, a.Kind);
        Assert.Equal(21, a.Duties[0].Article.Number);
    }

    [Theory]
    [InlineData("谁负责人才服务", 24)]
    [InlineData("展会招商由哪些单位负责", 18)]
    public void Who_is_responsible_answers_with_the_article(string q, int article)
    {
        var a = Ask(q);
        Assert.Equal(AnswerKind.Responsible, a.Kind);
        Assert.Equal(article, a.Article!.Number);
    }

    [Theory]
    [InlineData("外资企业要引进几家", 2, "10")]
    [InlineData("外资这块今年啥目标", 2, "10")]
    [InlineData("街镇招商队伍至少几人", 8, "5")]
    [InlineData("走出去招商组每年要落地多少投资", 28, "2")]
    [InlineData("内资到位额目标多少", 1, "200")]
    public void Number_questions_answer_with_the_number(string q, int article, string amount)
    {
        var a = Ask(q);
        Assert.Equal(AnswerKind.Target, a.Kind);
        Assert.Equal(article, a.Article!.Number);
        Assert.Contains(a.Targets, t => t.AmountText == amount);
    }

    [Theory]
    [InlineData("科技城招商队伍最少多少人", "20")]
    [InlineData("街镇招商队伍至少几人", "5")]
    [InlineData("经开区要引进几个实体项目", "50")]
    [InlineData("科技城今年要引进多少实体项目", "30")]
    public void Number_questions_pick_the_target_of_the_unit_asked_about(string q, string amount)
    {
        var a = Ask(q);
        Assert.Equal(AnswerKind.Target, a.Kind);
        Assert.Equal(amount, a.Targets[0].AmountText);
    }

    [Fact]
    public void Listings_of_titles_sections_and_one_section()
    {
        Assert.Equal(AnswerKind.AllArticles, Ask("三十条措施都有哪些").Kind);
        Assert.Equal(AnswerKind.Sections, Ask("分为哪几部分").Kind);
        var section = Ask("招商方向有哪些");
        Assert.Equal(AnswerKind.SectionArticles, section.Kind);
        Assert.Equal([10, 11, 12, 13], section.Section!.ArticleNumbers);
    }

    [Theory]
    [InlineData("今天天气怎么样")]
    [InlineData("食堂几点开饭")]
    [InlineData("asdfgh")]
    public void Unrelated_questions_find_nothing(string q) => Assert.Equal(AnswerKind.NotFound, Ask(q).Kind);

    [Theory]
    [InlineData("你好", AnswerKind.Greeting)]
    [InlineData("您好！", AnswerKind.Greeting)]
    [InlineData("谢谢", AnswerKind.Thanks)]
    [InlineData("好的", AnswerKind.Thanks)]
    public void Greetings_and_thanks_get_a_polite_reply(string q, AnswerKind kind) => Assert.Equal(kind, Ask(q).Kind);

    [Fact]
    public void A_vague_question_gets_three_suggestions_not_a_confident_answer()
    {
        var a = Ask("招商工作");
        Assert.Equal(AnswerKind.Suggestions, a.Kind);
        Assert.Equal(3, a.Candidates.Count);
        Assert.Null(a.Article);
    }
}
