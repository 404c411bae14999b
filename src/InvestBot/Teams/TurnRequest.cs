using InvestBot.Access;
using InvestBot.Teams.Commands;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams;

/// <summary>A user's text message, already stripped of the bot's @mention, with who sent it and where.</summary>
public class MessageRequest(ITurnContext turn, string text, UserIdentity user)
{
    public ITurnContext Turn { get; } = turn;
    public string Text { get; } = text;
    public UserIdentity User { get; } = user;
    public string ConversationType => Turn.Activity.Conversation?.ConversationType ?? "personal";
    public bool IsPersonal => ConversationType == "personal";

    /// <summary>
    /// Set by the router when a command that shows a unit's data runs in a group or channel: replies collect here and
    /// go to the asker's personal chat afterwards (<see cref="PrivateReplies"/>), so handlers need not know where they run.
    /// </summary>
    internal List<IActivity>? PrivateOutbox { get; init; }

    public Task SendAsync(IActivity activity, CancellationToken ct)
    {
        if (PrivateOutbox is not { } outbox) return Turn.SendActivityAsync(activity, ct);
        outbox.Add(activity);
        return Task.CompletedTask;
    }

    public Task SendTextAsync(string text, CancellationToken ct) => SendAsync(MessageFactory.Text(text), ct);
}

/// <summary>A message the command table matched: the row, the word that matched and what follows it.</summary>
public sealed class CommandRequest(ITurnContext turn, string text, UserIdentity user, BotCommand command, string word, string args)
    : MessageRequest(turn, text, user)
{
    public BotCommand Command { get; } = command;

    /// <summary>The word (name or alias) the message started with.</summary>
    public string Word { get; } = word;

    /// <summary>The message after the word, trimmed (may be empty; a pasted table keeps its lines).</summary>
    public string Args { get; } = args;
}

/// <summary>Runs one row of the command table. The router has already checked scope and role.</summary>
public interface ICommandHandler
{
    /// <summary>
    /// Whether the words after the command word are this command's arguments. Declining (填报有什么要求 is a question,
    /// not a request for the form) lets the message go on to the next matching row, then to the Q&amp;A.
    /// </summary>
    bool Accepts(string args) => true;

    Task HandleAsync(CommandRequest request, CancellationToken ct);
}

/// <summary>What answers a message no command took: the policy Q&amp;A. At most one is registered.</summary>
public interface IFreeTextHandler
{
    /// <summary>False when the text is not for it (the router then shows the help card).</summary>
    Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct);
}

/// <summary>A button press on one of our cards: Action.Execute (adaptiveCard/action) or an Action.Submit with a "verb".</summary>
public sealed class CardActionRequest(ITurnContext turn, string verb, JObject data, UserIdentity user)
{
    public ITurnContext Turn { get; } = turn;
    public string Verb { get; } = verb;

    /// <summary>The card's data merged with the user's inputs. Untrusted: read it through a <see cref="Cards.CardPayload"/>.</summary>
    public JObject Data { get; } = data;

    public UserIdentity User { get; } = user;
    public string ConversationType => Turn.Activity.Conversation?.ConversationType ?? "personal";

    /// <summary>The card's data as <typeparamref name="T"/>, or null when it does not validate.</summary>
    public T? Read<T>() where T : Cards.CardPayload => Cards.CardPayload.Read<T>(Data);
}

/// <summary>The result of a card action: a card that replaces the one pressed, or a short message.</summary>
public sealed record CardActionResult(JObject? Card, string? Message)
{
    public static CardActionResult Replace(JObject card) => new(card, null);
    public static CardActionResult Say(string message) => new(null, message);
}

/// <summary>Handles the verbs the command table assigns to it.</summary>
public interface ICardActionHandler
{
    Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct);
}
