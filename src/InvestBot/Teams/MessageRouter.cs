using InvestBot.Access;
using InvestBot.Teams.Cards;
using InvestBot.Teams.Commands;
using Microsoft.Bot.Builder;

namespace InvestBot.Teams;

/// <summary>
/// Runs a user's words through the command table: a matching row (scope and role checked here, once; private rows
/// answered in the personal chat), else the free-text handler (the policy Q&amp;A), else the help card. Typed messages and
/// <see cref="Card.Say"/> buttons both come here, so a button can do nothing a typed message could not.
/// </summary>
public sealed class MessageRouter(
    CommandTable table,
    IServiceProvider services,
    IEnumerable<IFreeTextHandler> freeText,
    UserRoles roles,
    PrivateReplies privateReplies)
{
    private readonly IFreeTextHandler? _freeText = freeText.SingleOrDefault();

    /// <param name="text">the words, already without the bot's @mention</param>
    public async Task RouteAsync(ITurnContext turn, string text, UserIdentity user, CancellationToken ct)
    {
        var scope = ConversationScopes.Of(turn.Activity.Conversation?.ConversationType);
        foreach (var (command, word, args) in table.Match(text))
        {
            var handler = (ICommandHandler)services.GetRequiredService(command.Handler);
            if (!handler.Accepts(args)) continue;
            if (!command.Allows(roles, user))
                await turn.SendActivityAsync(MessageFactory.Text(command.Refusal(roles, user)), ct);
            else if ((command.Scopes & scope) == 0)
                await turn.SendActivityAsync(MessageFactory.Text(BotTexts.WrongScope(command.Name, ConversationScopes.Describe(command.Scopes))), ct);
            else
            {
                var privately = command.Privately && scope != ConversationScope.Personal;
                var request = new CommandRequest(turn, text, user, command, word, args) { PrivateOutbox = privately ? [] : null };
                await handler.HandleAsync(request, ct);
                if (privately)
                    await privateReplies.DeliverAsync(request, command.Name, request.PrivateOutbox!, ct);
            }
            return;
        }
        if (text.Length > 0 && _freeText is not null && !IsCommandWord(text) && await _freeText.TryHandleAsync(new MessageRequest(turn, text, user), ct))
            return;
        await turn.SendActivityAsync(Card.ToActivity(WelcomeCards.Help(table, scope, roles.IsAdmin(user), text.Length == 0 ? null : text, roles.IsSupervisor(user)),
            BotTexts.HelpSummary), ct);
    }

    /// <summary>
    /// A command word alone or followed by its argument (排名 2023-03, 导出 2023-03) that no row took is a command the user
    /// mistyped, not a question: it gets the help card. A question that merely starts with one (排名靠后会怎样) is the Q&amp;A's.
    /// </summary>
    private bool IsCommandWord(string text) =>
        table.Words.Any(w => text.StartsWith(w, StringComparison.OrdinalIgnoreCase)
            && (text.Length == w.Length || char.IsWhiteSpace(text[w.Length]) || char.IsAsciiDigit(text[w.Length])));
}
