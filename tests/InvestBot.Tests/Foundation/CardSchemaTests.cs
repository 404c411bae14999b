using InvestBot.Teams;
using InvestBot.Teams.Cards;
using InvestBot.Teams.Commands;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// Cards built outside a conversation are checked here; every card that comes back through
/// <see cref="BotClient"/> in the HTTP tests is validated as well.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CardSchemaTests
{
    private static readonly CommandTable Table = new([new CommandSection("test",
        [
            BotCommand.For<HelpCommand>("帮助", help: new("查看帮助", "帮助")),
            BotCommand.For<HelpCommand>("发布排名", scopes: ConversationScope.Personal, adminOnly: true, help: new("发布排名", "发布排名 2023-03")),
        ], []) { HelpLines = [new(new("问政策", "第22条"))] }]);

    public static TheoryData<string, JObject> FoundationCards() => new()
    {
        { "welcome personal", WelcomeCards.Welcome(Table, ConversationScope.Personal) },
        { "welcome group", WelcomeCards.Welcome(Table, ConversationScope.GroupChat) },
        { "help", WelcomeCards.Help(Table, ConversationScope.Personal, isAdmin: false) },
        { "help admin", WelcomeCards.Help(Table, ConversationScope.Personal, isAdmin: true) },
        { "help not understood", WelcomeCards.Help(Table, ConversationScope.Personal, isAdmin: false, notUnderstood: "随便说点什么") },
    };

    [Theory]
    [MemberData(nameof(FoundationCards))]
    public void Foundation_cards_validate(string name, JObject card)
    {
        Assert.False(string.IsNullOrEmpty(name));
        CardSchema.AssertValid(card);
    }

    [Fact]
    public void The_validator_rejects_a_broken_card()
    {
        var card = Card.Create(new[] { new JObject { ["type"] = "TextBlock", ["wrap"] = "yes" } });
        card["unknownProperty"] = 1;
        Assert.NotEmpty(CardSchema.Validate(card));
    }
}
