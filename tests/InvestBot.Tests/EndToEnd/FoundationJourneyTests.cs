using Azure.Data.Tables;
using InvestBot.Conversations;
using InvestBot.Storage;
using Xunit;

namespace InvestBot.Tests.EndToEnd;

/// <summary>
/// The foundation in a real browser: Azurite, the bot process and the Agents Playground, driven
/// through Chromium the way an office user would chat with the bot.
/// </summary>
[Trait("Category", "E2E")]
public sealed class FoundationJourneyTests(ChromiumFixture chromium) : PlaygroundTest(chromium)
{
    [Fact]
    public Task Help_in_the_personal_chat_and_welcome_cards_in_the_group_chat_and_the_channel() => InPlaygroundAsync(async ui =>
    {
        await ui.OpenPersonalChatAsync();
        await ui.WaitForCardAsync("您好，我是宝坻区招商引资助手");
        var help = await ui.SendAndWaitForCardAsync("帮助", "InvestBot 使用帮助");
        Assert.Contains("帮助", await help.InnerTextAsync());

        await ui.OpenGroupChatAsync();
        var welcome = await ui.WaitForCardAsync("您好，我是宝坻区招商引资助手");
        Assert.Contains("@我", await welcome.InnerTextAsync()); // the group welcome explains the mention
        await ui.SendAndWaitForCardAsync("帮助", "InvestBot 使用帮助", mentionBot: true);

        await ui.OpenChannelAsync();
        await ui.WaitForCardAsync("您好，我是宝坻区招商引资助手");

        // The installation store now knows all three conversations, ready for announcements.
        var store = new TableConversationStore(new TableProvider(
            new TableServiceClient(Stack.Azurite.ConnectionString, TableProvider.ClientOptions()), Stack.TablePrefix), TimeProvider.System);
        var kinds = (await store.ListAsync()).Select(c => c.ConversationType).ToList();
        Assert.Contains("personal", kinds);
        Assert.Contains("groupChat", kinds);
        Assert.Contains("channel", kinds);
    });
}
