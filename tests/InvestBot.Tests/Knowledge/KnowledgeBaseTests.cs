using InvestBot.Knowledge;
using Xunit;

namespace InvestBot.Tests.Knowledge;

[Trait("Category", "Unit")]
public sealed class KnowledgeBaseTests
{
    private static KnowledgeBase Kb => KnowledgeFixture.Kb;

    [Fact]
    public void Every_responsible_name_in_the_notice_is_a_unit_or_a_group_word()
    {
        Assert.Empty(Kb.UnresolvedNames());
    }

    [Fact]
    public void Group_words_expand_by_kind_and_related_units_stay_a_remark()
    {
        var first = Kb.ResponsibleFor(Kb.Document.Article(1)!);
        var towns = Assert.Single(first, p => p.Written == "各街镇");
        Assert.Equal("town", towns.Group!.Kind);
        Assert.Equal("各街镇（名录中24个街镇）", Kb.Describe(towns));
        // The directory lists the departments the document names; the district has more, so never "all of them".
        Assert.Equal("区直各单位（名录中19个区直部门）", Kb.Describe(Assert.Single(first, p => p.Written == "区直各单位")));
        Assert.Equal("department", Assert.Single(first, p => p.Written == "区直各单位").Group!.Kind);
        Assert.Equal("department", Kb.ResponsibleFor(Kb.Document.Article(7)!).Single().Group!.Kind);

        var related = Kb.ResponsibleFor(Kb.Document.Article(10)!).Single();
        Assert.True(related.IsRemark);
        Assert.Contains(Kb.Document.Article(10)!, Kb.RemarkArticles());
    }

    [Fact]
    public void A_named_unit_reads_as_the_document_writes_it()
    {
        var third = Kb.Document.Article(3)!;
        var zhouliang = Assert.Single(Kb.ResponsibleFor(third), p => p.Unit?.Id == "town-zhouliang");
        Assert.Equal("周良街道（京津新城）", Kb.Describe(zhouliang));
        Assert.Contains("周良街道（京津新城）", third.ResponsibleText);
    }

    [Fact]
    public void A_departments_duties_list_named_articles_before_group_articles()
    {
        var duties = Kb.DutiesOf(Kb.Units.FindByName("商务局")!);

        var named = duties.Where(d => d.Reason == DutyReason.Named).Select(d => d.Article.Number).ToList();
        Assert.Equal([2, 18, 21, 22, 25, 26], named);
        var group = duties.Where(d => d.Reason == DutyReason.Group).ToList();
        Assert.Equal([1, 5, 7, 27], group.Select(d => d.Article.Number));
        Assert.Equal("区直各单位", group[0].Via);
        Assert.True(duties.ToList().FindLastIndex(d => d.Reason == DutyReason.Named) < duties.ToList().FindIndex(d => d.Reason == DutyReason.Group));
    }

    [Fact]
    public void A_town_is_covered_by_every_article_naming_its_group()
    {
        var duties = Kb.DutiesOf(Kb.Units.FindByName("大口屯")!);
        Assert.DoesNotContain(duties, d => d.Reason == DutyReason.Named);
        Assert.Equal([1, 2, 5, 8, 15, 18, 19, 23, 24, 27, 29],
            duties.Where(d => d.Reason == DutyReason.Group).Select(d => d.Article.Number));

        var zhouliang = Kb.DutiesOf(Kb.Units.FindByName("周良街道")!);
        Assert.Equal(3, zhouliang.First().Article.Number);
        Assert.Equal(DutyReason.Named, zhouliang.First().Reason);
    }

    [Fact]
    public void Outbound_groups_are_reached_through_the_articles_that_mention_them()
    {
        var duties = Kb.DutiesOf(Kb.Units.FindByName("国外组")!);
        Assert.Equal([9, 28], duties.Select(d => d.Article.Number));
        Assert.All(duties, d => Assert.Equal(DutyReason.Mentioned, d.Reason));
    }
}
