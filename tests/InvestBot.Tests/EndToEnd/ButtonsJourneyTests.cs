using Microsoft.Playwright;
using Xunit;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// Every button works in the Agents Playground (which ignores Teams' imBack): on each card type of the policy Q&amp;A and
/// the kernel, one button of each kind it carries is clicked — Card.Say buttons (the text runs as if typed, where the
/// card is), Action.Execute verbs (👍) — in the personal chat and in the group chat. Reporting and ranking cards are
/// clicked in <see cref="FirstMonthJourneyTests"/>.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ButtonsJourneyTests(ChromiumFixture chromium) : PlaygroundTest(chromium)
{
    private const string HelpTitle = "InvestBot 使用帮助";
    private const string Catalogue = "共10个部分30条"; // the 三十条措施目录 card's subtitle

    [Fact]
    public Task Every_button_on_the_policy_and_help_cards_answers_in_the_chat_it_was_pressed_in() => InPlaygroundAsync(async ui =>
    {
        await ui.OpenPersonalChatAsync();
        var welcome = await ui.WaitForCardAsync("您好，我是宝坻区招商引资助手");
        await ui.ClickAndWaitForCardAsync(welcome, "查看帮助", HelpTitle);

        // An article: 查看全文, a related article, 👍 (Action.Execute, answered under the card).
        var article = await ui.SendAndWaitForCardAsync("第五条", "（五）重构招商引资工作体系");
        await ui.ClickAndWaitForCardAsync(article, "查看全文", "（责任单位：");
        var related = (await ButtonTitlesAsync(article)).First(t => t.StartsWith("相关：", StringComparison.Ordinal));
        await ui.ClickAndWaitForCardAsync(article, related, related["相关：".Length..]);
        await ui.ClickAndWaitForTextAsync(article, "👍 有帮助", "感谢您的反馈");

        // A unit's duties: its first article.
        var duties = await ui.SendAndWaitForCardAsync("区商务局负责哪些条款", "区商务局的职责");
        var firstDuty = (await ButtonTitlesAsync(duties)).First(t => t.StartsWith('（'));
        await ui.ClickAndWaitForCardAsync(duties, firstDuty, firstDuty);

        // The catalogue, its sections, one section and one of its articles.
        var catalogue = await ui.SendAndWaitForCardAsync("三十条措施目录", Catalogue);
        var sections = await ui.ClickAndWaitForCardAsync(catalogue, "按部分查看", "三十条措施分为");
        await ui.ClickAndWaitForCardAsync(sections, "查看全部条款", Catalogue);
        var section = await ui.SendAndWaitForCardAsync("第八部分有哪些条款", "（共2条）");
        await ui.ClickAndWaitForCardAsync(section, "（二十五）提高通报考评频率", "按月排位");

        // 您是不是想问: one suggestion.
        var unsure = await ui.SendAndWaitForCardAsync("招商工作", "您是不是想问");
        var suggestion = (await ButtonTitlesAsync(unsure)).First();
        await ui.ClickAndWaitForCardAsync(unsure, suggestion, suggestion);

        // Nothing found, and a greeting: both point to the catalogue.
        var notFound = await ui.SendAndWaitForCardAsync("食堂几点开饭", "没有找到");
        await ui.ClickAndWaitForCardAsync(notFound, "查看条款目录", Catalogue);
        var greeting = await ui.SendAndWaitForCardAsync("你好", "您好！我可以解答");
        await ui.ClickAndWaitForCardAsync(greeting, "查看条款目录", Catalogue);

        // A mistyped command, and a question about the process.
        var typo = await ui.SendAndWaitForCardAsync("帮组", "您是不是想用“帮助”");
        await ui.ClickAndWaitForCardAsync(typo, "帮助", HelpTitle);
        var process = await ui.SendAndWaitForCardAsync("排名多长时间通报一次", "多久通报一次");
        await ui.ClickAndWaitForTextAsync(process, "查看最新排名", "还没有发布过排名通报");

        // In the group chat a button needs no @mention, and its answer stays in the group.
        await ui.OpenGroupChatAsync();
        var groupWelcome = await ui.WaitForCardAsync("您好，我是宝坻区招商引资助手");
        Assert.DoesNotContain("我的填报", await groupWelcome.InnerTextAsync()); // a unit's data is not offered in a group
        await ui.ClickAndWaitForCardAsync(groupWelcome, "查看帮助", HelpTitle);
        var inGroup = await ui.SendAndWaitForCardAsync("第五条", "（五）重构招商引资工作体系", mentionBot: true);
        await ui.ClickAndWaitForCardAsync(inGroup, "查看全文", "（责任单位：");
    });

    private static async Task<List<string>> ButtonTitlesAsync(ILocator card) =>
        (await card.GetByRole(AriaRole.Button).AllInnerTextsAsync()).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
}
