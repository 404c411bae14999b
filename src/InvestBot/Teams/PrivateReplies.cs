using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace InvestBot.Teams;

/// <summary>
/// Delivers what a private command (one unit's data, a ranking, a form) answered in a group or channel: into the asker's
/// personal chat in one proactive turn, with a short note in the group so the asker knows where to look.
/// </summary>
public sealed class PrivateReplies(PersonalMessenger messenger)
{
    public async Task DeliverAsync(MessageRequest request, string command, IReadOnlyList<IActivity> replies, CancellationToken ct)
    {
        if (replies.Count == 0) return;
        var note = await messenger.SendToUserAsync(request.User.Id, replies, ct)
            ? BotTexts.SentPrivately(request.User.Name is { } name ? CardText.Literal(name) : null)
            : BotTexts.PrivateNotDelivered(command);
        await request.Turn.SendActivityAsync(MessageFactory.Text(note), ct);
    }
}
