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
            PrivateHint(table, scope, isAdmin: false),
        ],
        [Card.Say(BotTexts.ShowHelp, "帮助")],
        fallbackText: BotTexts.WelcomeFallback);

    /// <param name="isSupervisor">a read-only 督查 user: the card lists the commands that role may run (names only; the admins'
    /// help lines mix in commands that change data)</param>
    public static JObject Help(CommandTable table, ConversationScope scope, bool isAdmin, string? notUnderstood = null, bool isSupervisor = false)
    {
        var rows = RowsFor(table, scope).ToList();
        var body = new List<JToken>();
        if (notUnderstood is not null)
            body.Add(Card.Text(BotTexts.NotUnderstood(notUnderstood), color: "Attention"));
        body.Add(Card.Title(BotTexts.HelpTitle));
        body.Add(EntryList(rows.Where(e => !e.AdminOnly)));
        if (isAdmin && rows.Any(e => e.AdminOnly))
        {
            body.Add(Card.Heading(BotTexts.AdminTitle));
            body.Add(EntryList(rows.Where(e => e.AdminOnly)));
        }
        if (isSupervisor && !isAdmin)
        {
            body.Add(Card.Heading(BotTexts.SupervisorTitle));
            body.Add(Card.Text(BotTexts.SupervisorCommands(table.Commands.Where(c => c.ForSupervisors).Select(c => c.Name))));
        }
        if (PrivateHint(table, scope, isAdmin) is { } hint) body.Add(hint);
        body.Add(Card.Text(BotTexts.MentionHint, isSubtle: true, spacing: "Medium"));
        return Card.Create(body, fallbackText: BotTexts.HelpFallback);
    }

    /// <summary>Only what works where the card is shown; a unit's data is offered where it is answered, in the personal chat.</summary>
    private static IEnumerable<HelpRow> RowsFor(CommandTable table, ConversationScope scope) =>
        table.HelpRows().Where(r => r.ShownIn(scope));

    /// <summary>In a group or channel: where the commands left out of the card are (they answer in the personal chat).</summary>
    private static JObject? PrivateHint(CommandTable table, ConversationScope scope, bool isAdmin)
    {
        var hidden = table.HelpRows().Where(r => (r.Scopes & scope) != 0 && !r.ShownIn(scope) && (isAdmin || !r.AdminOnly)).ToList();
        return hidden.Count == 0 ? null
            : Card.Text(BotTexts.PrivateCommandsHint(hidden.Select(r => r.Line.Title)), isSubtle: true, spacing: "Medium");
    }

    private static JObject EntryList(IEnumerable<HelpRow> rows) => Card.Facts(rows.Select(e => (e.Line.Title, e.Line.Examples)));

}
