using InvestBot.Teams.Cards;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// CardText.Literal: what people typed shows as typed in card markdown. Every ASCII punctuation character is
/// backslash-escaped (CommonMark's escapable set), so no link, emphasis, heading, list, mention or HTML can form;
/// everything else, Chinese text and full-width punctuation included, is untouched.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CardTextTests
{
    [Theory]
    [InlineData("[区政府通知](https://phish.example/x)", @"\[区政府通知\]\(https\:\/\/phish\.example\/x\)")]
    [InlineData("https://phish.example/x", @"https\:\/\/phish\.example\/x")]
    [InlineData("www.phish.example", @"www\.phish\.example")]
    [InlineData("<https://phish.example>", @"\<https\:\/\/phish\.example\>")]
    [InlineData("**粗体**", @"\*\*粗体\*\*")]
    [InlineData("_斜体_", @"\_斜体\_")]
    [InlineData("# 标题", @"\# 标题")]
    [InlineData("1. 第一项", @"1\. 第一项")]
    [InlineData("- 列表", @"\- 列表")]
    [InlineData("+ 列表", @"\+ 列表")]
    [InlineData("<at>王主任</at>", @"\<at\>王主任\<\/at\>")]
    [InlineData("<b onclick=x>HTML</b>", @"\<b onclick\=x\>HTML\<\/b\>")]
    [InlineData(@"C:\路径\", @"C\:\\路径\\")]
    [InlineData("`代码`", @"\`代码\`")]
    [InlineData("> 引用", @"\> 引用")]
    [InlineData("![图](https://x/y.png)", @"\!\[图\]\(https\:\/\/x\/y\.png\)")]
    [InlineData("a|b~c", @"a\|b\~c")]
    [InlineData("&amp;", @"\&amp\;")]
    public void Markdown_and_html_are_escaped_character_by_character(string typed, string expected) =>
        Assert.Equal(expected, CardText.Literal(typed));

    [Theory]
    [InlineData("动力电池正极材料项目")]
    [InlineData("供电线路待协调，用地指标（二期）需区规划资源局协调。")]
    [InlineData("李经理 13800000000")]
    [InlineData("【重要】“区政府”通知：第一季度")]
    public void Chinese_text_digits_and_full_width_punctuation_are_unchanged(string typed) =>
        Assert.Same(typed, CardText.Literal(typed));

    [Fact]
    public void Empty_and_null_become_empty() =>
        Assert.All(new[] { CardText.Literal(null), CardText.Literal("") }, s => Assert.Equal("", s));

    [Fact]
    public void Line_breaks_and_spaces_stay_so_a_multi_line_problem_keeps_its_lines()
    {
        Assert.Equal("第一行\n\\- 第二行\n  第三行", CardText.Literal("第一行\n- 第二行\n  第三行"));
    }

    [Fact]
    public void Every_ascii_punctuation_character_and_nothing_else_is_escaped()
    {
        for (var c = (char)0; c < 128; c++)
        {
            var escaped = CardText.Literal(c.ToString());
            Assert.Equal(char.IsAsciiLetterOrDigit(c) || char.IsControl(c) || c == ' ' ? c.ToString() : "\\" + c, escaped);
        }
    }

    /// <summary>Removing one backslash before each escaped character gives back what was typed: nothing is lost.</summary>
    [Theory]
    [InlineData("[区政府通知](https://phish.example/x) **粗体** \\ <at>x</at>")]
    [InlineData("\\\\[a]")]
    public void Unescaping_gives_back_the_typed_text(string typed)
    {
        var escaped = CardText.Literal(typed);
        var back = new System.Text.StringBuilder();
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\') i++;
            back.Append(escaped[i]);
        }
        Assert.Equal(typed, back.ToString());
    }

    [Fact]
    public void A_quote_is_cut_to_its_length_with_an_ellipsis_and_escaped()
    {
        var typed = "[" + new string('宝', 100);

        var quoted = CardText.Quote(typed);

        Assert.Equal("\\[" + new string('宝', CardText.QuoteLength - 1) + "…", quoted);
        Assert.Equal("潮阳街道", CardText.Quote("潮阳街道"));
        Assert.Equal("", CardText.Quote(null));
    }

    [Theory]
    [InlineData("用地指标待协调\n供电线路待协调", "用地指标待协调 供电线路待协调")]
    [InlineData("第一行\r\n\r\n第二行\t[注]", "第一行 第二行 \\[注\\]")]
    [InlineData("\n开头\n", "开头")]
    public void A_quote_is_one_line_each_line_break_a_space(string typed, string quoted) =>
        Assert.Equal(quoted, CardText.Quote(typed));

    [Fact]
    public void A_quote_never_splits_an_emoji_and_drops_control_characters()
    {
        var typed = "第\0条\u001b[31m" + string.Concat(Enumerable.Repeat("😀", 50));

        var quoted = CardText.Quote(typed, 10);

        Assert.Equal("第条\\[31m😀😀😀😀…", quoted);
        Assert.DoesNotContain(quoted, char.IsControl);
    }
}
