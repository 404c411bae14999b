using InvestBot.Teams.Commands;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Cards;

/// <summary>The welcome card (on install) and the help card (帮助, or input the bot cannot place), both read from the command table.</summary>
public static class WelcomeCards
{
    public static JObject Welcome(CommandTable table, ConversationScope scope) => Card.Create(
        [
            Card.Title(BotTexts.WelcomeTitle),
            Card.Text(BotTexts.WelcomeIntro),
            Card.Text(scope == ConversationScope.Personal ? BotTexts.WelcomePersonal : BotTexts.WelcomeShared, isSubtle: true),
            EntryList(RowsFor(table, scope).Where(e => !e.AdminOnly)),
        ],
        [Card.ImBack(BotTexts.ShowHelp, "帮助")],
        fallbackText: BotTexts.WelcomeFallback);

    public static JObject Help(CommandTable table, ConversationScope scope, bool isAdmin, string? notUnderstood = null)
    {
        var rows = RowsFor(table, scope).ToList();
        var body = new List<JToken>();
        if (notUnderstood is not null)
            body.Add(Card.Text(BotTexts.NotUnderstood(Truncate(notUnderstood, 40)), color: "Attention"));
        body.Add(Card.Title(BotTexts.HelpTitle));
        body.Add(EntryList(rows.Where(e => !e.AdminOnly)));
        if (isAdmin && rows.Any(e => e.AdminOnly))
        {
            body.Add(Card.Heading(BotTexts.AdminTitle));
            body.Add(EntryList(rows.Where(e => e.AdminOnly)));
        }
        body.Add(Card.Text(BotTexts.MentionHint, isSubtle: true, spacing: "Medium"));
        return Card.Create(body, fallbackText: BotTexts.HelpFallback);
    }

    /// <summary>Only what works where the card is shown.</summary>
    private static IEnumerable<HelpRow> RowsFor(CommandTable table, ConversationScope scope) =>
        table.HelpRows().Where(r => (r.Scopes & scope) != 0);

    private static JObject EntryList(IEnumerable<HelpRow> rows) => Card.Facts(rows.Select(e => (e.Line.Title, e.Line.Examples)));

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
