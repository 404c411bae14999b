using InvestBot.Access;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams;

/// <summary>A user's text message, already stripped of the bot's @mention, with who sent it and where.</summary>
public sealed class MessageRequest
{
    public MessageRequest(ITurnContext turn, string text, UserIdentity user)
    {
        Turn = turn;
        Text = text;
        User = user;
    }

    public ITurnContext Turn { get; }
    public string Text { get; }
    public UserIdentity User { get; }
    public string ConversationType => Turn.Activity.Conversation?.ConversationType ?? "personal";
    public bool IsPersonal => ConversationType == "personal";

    public Task SendAsync(IActivity activity, CancellationToken ct) => Turn.SendActivityAsync(activity, ct);
    public Task SendTextAsync(string text, CancellationToken ct) => Turn.SendActivityAsync(MessageFactory.Text(text), ct);
}

/// <summary>A message command: the first one (by Order) that returns true handles the message.</summary>
public interface IMessageCommand
{
    /// <summary>Lower runs first. Exact commands use 0–99; the free-text Q&amp;A fallback uses 1000.</summary>
    int Order { get; }

    Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct);
}

/// <summary>A button press on one of our cards: Action.Execute (adaptiveCard/action) or an Action.Submit with a "verb".</summary>
public sealed class CardActionRequest
{
    public CardActionRequest(ITurnContext turn, string verb, JObject data, UserIdentity user)
    {
        Turn = turn;
        Verb = verb;
        Data = data;
        User = user;
    }

    public ITurnContext Turn { get; }
    public string Verb { get; }
    /// <summary>The card's data merged with the user's inputs. Untrusted: validate everything.</summary>
    public JObject Data { get; }
    public UserIdentity User { get; }
    public string ConversationType => Turn.Activity.Conversation?.ConversationType ?? "personal";
}

/// <summary>The result of a card action: a card that replaces the one pressed, or a short message.</summary>
public sealed record CardActionResult(JObject? Card, string? Message)
{
    public static CardActionResult Replace(JObject card) => new(card, null);
    public static CardActionResult Say(string message) => new(null, message);
}

public interface ICardActionHandler
{
    /// <summary>Verbs this handler owns, e.g. "report.submit".</summary>
    IReadOnlyCollection<string> Verbs { get; }

    Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken ct);
}
