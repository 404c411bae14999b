using Xunit;

namespace InvestBot.Tests.EndToEnd;

/// <summary>Policy questions in the Playground: the answer card names the right article first.</summary>
[Trait("Category", "E2E")]
public sealed class KnowledgeJourneyTests(ChromiumFixture chromium) : PlaygroundTest(chromium)
{
    [Fact]
    public Task Questions_in_the_personal_chat_and_with_a_mention_in_the_group_chat_get_the_right_article() => InPlaygroundAsync(async ui =>
    {
        await ui.OpenPersonalChatAsync();
        var byNumber = await ui.SendAndWaitForCardAsync("第二十二条", "（二十二）优化审批服务效能");
        Assert.StartsWith("（二十二）优化审批服务效能", FirstArticleLabel(await byNumber.InnerTextAsync()));

        var target = await ui.SendAndWaitForCardAsync("外资企业要引进几家", "（二）利用外资实现新增长");
        Assert.StartsWith("（二）利用外资实现新增长", FirstArticleLabel(await target.InnerTextAsync()));

        await ui.OpenGroupChatAsync();
        var topic = await ui.SendAndWaitForCardAsync("亲清茶室是什么", "（十五）积极推动“链主”企业招商", mentionBot: true);
        Assert.StartsWith("（十五）", FirstArticleLabel(await topic.InnerTextAsync()));
    });

    /// <summary>The text from the first article label on: the best answer must come before any other label.</summary>
    private static string FirstArticleLabel(string cardText)
    {
        var match = System.Text.RegularExpressions.Regex.Match(cardText, "（[一二三四五六七八九十]+）");
        Assert.True(match.Success, "no article label in: " + cardText);
        return cardText[match.Index..];
    }
}
