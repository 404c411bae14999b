using InvestBot.Knowledge;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Knowledge;

[Trait("Category", "Unit")]
public sealed class PolicyDocumentParserTests
{
    private static readonly string PolicyPath = RepoPaths.SourceData("baodi-investment-30-measures-2023.txt");
    private static string[] Lines() => File.ReadAllLines(PolicyPath);

    [Fact]
    public void Parses_the_header_sections_and_articles()
    {
        var doc = PolicyDocumentParser.Load(PolicyPath);

        Assert.Equal("天津市宝坻区人民政府办公室", doc.Issuer);
        Assert.Equal("2023年2月13日", doc.IssuedOn);
        Assert.EndsWith("三十条措施的通知", doc.NoticeTitle);
        Assert.Equal("关于进一步推动招商引资工作高质量发展的三十条措施", doc.MeasuresTitle);
        Assert.Equal(10, doc.Sections.Count);
        Assert.Equal(30, doc.Articles.Count);
        Assert.Equal(Enumerable.Range(1, 30), doc.Sections.SelectMany(s => s.ArticleNumbers));
        Assert.Equal("四、高精度瞄准招商方向", doc.Sections[3].Heading);
        Assert.Equal([10, 11, 12, 13], doc.Sections[3].ArticleNumbers);
    }

    [Fact]
    public void Article_has_label_title_body_and_responsible_units()
    {
        var doc = PolicyDocumentParser.Load(PolicyPath);
        var a = doc.Article(22)!;

        Assert.Equal("（二十二）", a.Label);
        Assert.Equal("优化审批服务效能", a.Title);
        Assert.Equal("（二十二）优化审批服务效能", a.Heading);
        Assert.StartsWith("贯彻落实外资准入负面清单", a.Body);
        Assert.DoesNotContain("责任单位", a.Body);
        Assert.Equal(["区商务局", "区政务服务办"], a.ResponsibleNames);
        Assert.Equal(7, a.SectionNumber);
    }

    [Fact]
    public void Article_four_has_no_responsible_units_and_parentheses_stay_inside_names()
    {
        var doc = PolicyDocumentParser.Load(PolicyPath);

        Assert.Empty(doc.Article(4)!.ResponsibleNames);
        Assert.Null(doc.Article(4)!.ResponsibleText);
        Assert.Contains("周良街道（京津新城）", doc.Article(3)!.ResponsibleNames);
        Assert.Equal(8, doc.Article(3)!.ResponsibleNames.Count);
    }

    [Theory]
    [InlineData(1, "118", "个", "内资产业项目")]
    [InlineData(1, "200", "亿元", "内资到位额")]
    [InlineData(2, "10", "家", "外资企业")]
    [InlineData(2, "4000", "万美元", "外资到位")]
    [InlineData(7, "3", "人", "行业招商队伍")]
    [InlineData(8, "5", "人", "专业招商队伍")]
    [InlineData(5, "6", "次", "大型招商推介活动")]
    public void Finds_quantitative_targets(int article, string amount, string measure, string subject)
    {
        var doc = PolicyDocumentParser.Load(PolicyPath);
        Assert.Contains(doc.Article(article)!.Targets,
            t => t.AmountText == amount && t.MeasureWord.StartsWith(measure) && t.Subject.Contains(subject));
    }

    [Fact]
    public void Targets_keep_their_qualifier()
    {
        var doc = PolicyDocumentParser.Load(PolicyPath);
        var team = Assert.Single(doc.Article(7)!.Targets);
        Assert.Equal("不少于3人", team.Quantity);
        Assert.Contains(doc.Article(28)!.Targets, t => t.Quantity == "不低于2亿元");
    }

    [Fact]
    public void Another_years_notice_of_the_same_shape_loads_without_code_changes()
    {
        // Next year's notice: new date, renamed unit, changed number, an extra article in the last section.
        var text = File.ReadAllText(PolicyPath)
            .Replace("2023年2月13日", "2024年3月1日")
            .Replace("内资产业项目118个", "内资产业项目150个")
            .Replace("区审计局", "区审计监督局");
        text = text.TrimEnd() + "\n\n（三十一）加强招商数据共享。各单位按月报送招商数据。（责任单位：区合作交流办、区数据局）\n";
        var doc = PolicyDocumentParser.Parse(text.Split('\n'), "2024.txt");

        Assert.Equal("2024年3月1日", doc.IssuedOn);
        Assert.Equal(31, doc.Articles.Count);
        Assert.Equal([29, 30, 31], doc.Sections[9].ArticleNumbers);
        var added = doc.Article(31)!;
        Assert.Equal("（三十一）加强招商数据共享", added.Heading);
        Assert.Equal(["区合作交流办", "区数据局"], added.ResponsibleNames);
        Assert.Contains("区审计监督局", doc.Article(30)!.ResponsibleNames);
        Assert.Contains(doc.Article(1)!.Targets, t => t.AmountText == "150" && t.Subject.Contains("内资产业项目"));
    }

    [Fact]
    public void Skipped_article_number_fails_with_its_line_number()
    {
        var lines = Lines();
        var index = Array.FindIndex(lines, l => l.StartsWith("（十二）"));
        lines[index] = lines[index].Replace("（十二）", "（十三）");

        var ex = Assert.Throws<PolicyFormatException>(() => PolicyDocumentParser.Parse(lines, "bad.txt"));
        Assert.Equal(index + 1, ex.Line);
        Assert.Contains($"第{index + 1}行", ex.Message);
        Assert.Contains("（十二）", ex.Message);
    }

    [Fact]
    public void Unrecognised_line_fails_with_its_line_number()
    {
        var lines = Lines().ToList();
        var index = lines.FindIndex(l => l.StartsWith("（五）"));
        lines.Insert(index, "这一行既不是章节也不是条款");

        var ex = Assert.Throws<PolicyFormatException>(() => PolicyDocumentParser.Parse(lines, "bad.txt"));
        Assert.Equal(index + 1, ex.Line);
        Assert.Contains("无法识别", ex.Message);
    }

    [Fact]
    public void Article_without_title_stop_fails_with_its_line_number()
    {
        var lines = Lines();
        var index = Array.FindIndex(lines, l => l.StartsWith("（十七）"));
        lines[index] = "（十七）积极调动顾问招商";

        var ex = Assert.Throws<PolicyFormatException>(() => PolicyDocumentParser.Parse(lines, "bad.txt"));
        Assert.Equal(index + 1, ex.Line);
    }

    [Fact]
    public void Missing_date_fails_loudly()
    {
        var lines = Lines().Where(l => !l.Contains("2023年2月13日")).ToArray();
        var ex = Assert.Throws<PolicyFormatException>(() => PolicyDocumentParser.Parse(lines, "bad.txt"));
        Assert.Contains("发文日期", ex.Message);
    }

    [Theory]
    [InlineData("二十二", 22)]
    [InlineData("十", 10)]
    [InlineData("十八", 18)]
    [InlineData("三十", 30)]
    [InlineData("两", 2)]
    [InlineData("22", 22)]
    [InlineData("２２", 22)]
    [InlineData("一百零五", 105)]
    public void Reads_chinese_numerals(string text, int expected) => Assert.Equal(expected, ChineseNumber.Parse(text));

    [Theory]
    [InlineData("二三")]
    [InlineData("十十")]
    [InlineData("abc")]
    [InlineData("")]
    public void Rejects_non_numerals(string text) => Assert.Null(ChineseNumber.Parse(text));

    [Theory]
    [InlineData(22, "二十二")]
    [InlineData(10, "十")]
    [InlineData(30, "三十")]
    [InlineData(7, "七")]
    public void Writes_article_numbers_as_the_document_does(int n, string expected) => Assert.Equal(expected, ChineseNumber.ToChinese(n));
}
