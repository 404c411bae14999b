using InvestBot.Teams;
using InvestBot.Teams.Cards;
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
    private static readonly HelpEntry[] Entries =
    {
        new("问政策", "第22条"),
        new("发布排名", "发布排名 2023-03", AdminOnly: true),
    };

    public static TheoryData<string, JObject> FoundationCards() => new()
    {
        { "welcome personal", WelcomeCards.Welcome("personal", Entries) },
        { "welcome group", WelcomeCards.Welcome("groupChat", Entries) },
        { "help", WelcomeCards.Help(Entries, isAdmin: false) },
        { "help admin", WelcomeCards.Help(Entries, isAdmin: true) },
        { "help not understood", WelcomeCards.Help(Entries, isAdmin: false, notUnderstood: "随便说点什么") },
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
