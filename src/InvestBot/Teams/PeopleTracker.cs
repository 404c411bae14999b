using System.Collections.Concurrent;
using InvestBot.Access;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace InvestBot.Teams;

/// <summary>
/// Learns people's names (and sign-in names) from Teams: the sender of a message, and the roster of a chat or team the
/// bot is added to (Teams' members API). Remembers in this process whom it already recorded under which name, so an
/// ordinary message costs nothing. A failure here never stops an answer: the person is learned next time.
/// </summary>
public sealed class PeopleTracker(PeopleDirectory people, IEnumerable<IPersonSeenListener> listeners, ILogger<PeopleTracker> log)
{
    private const int MaxRosterPages = 20;
    // The sender's lookup runs alongside the answer; Teams not answering must not hold the turn open.
    private static readonly TimeSpan MemberLookupTimeout = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>This process already recorded the sender under the name they now carry.</summary>
    public bool Knows(IActivity activity) =>
        activity.From?.AadObjectId is { Length: > 0 } id && _known.TryGetValue(id, out var name) && name == activity.From.Name;

    /// <summary>The sender of this activity; their UPN and mail are asked of Teams the first time.</summary>
    public async Task SeenAsync(ITurnContext turn, CancellationToken ct)
    {
        var from = turn.Activity.From;
        var id = from?.AadObjectId;
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(from!.Name)) return;
        if (_known.TryGetValue(id, out var name) && name == from.Name) return;
        string? upn = null, email = null;
        try
        {
            using var lookup = CancellationTokenSource.CreateLinkedTokenSource(ct);
            lookup.CancelAfter(MemberLookupTimeout);
            var member = await TeamsInfo.GetMemberAsync(turn, from.Id, lookup.Token);
            (upn, email) = (member?.UserPrincipalName, member?.Email);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Teams may not answer (outside Teams, or a hiccup): the name from the message is still worth keeping.
            log.LogDebug("Member information for a sender was not available ({Reason})", e.GetType().Name);
        }
        await RecordAsync(new KnownPerson(id, from.Name, upn, email), ct);
    }

    /// <summary>Everyone in the conversation (the bot was just added to it).</summary>
    public async Task RosterAsync(ITurnContext turn, CancellationToken ct)
    {
        try
        {
            string? token = null;
            for (var page = 0; page < MaxRosterPages; page++)
            {
                var result = await TeamsInfo.GetPagedMembersAsync(turn, 100, token, ct);
                foreach (var member in result?.Members ?? [])
                    if (ToPerson(member) is { } person) await RecordAsync(person, ct);
                token = result?.ContinuationToken;
                if (string.IsNullOrEmpty(token)) break;
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Could not read the roster of {Conversation} ({Reason}); its members are learned when they write",
                ConversationTracker.ConversationIdOf(turn.Activity), e.GetType().Name);
        }
    }

    private static KnownPerson? ToPerson(TeamsChannelAccount member) =>
        string.IsNullOrWhiteSpace(member.AadObjectId) || string.IsNullOrWhiteSpace(member.Name) ? null
            : new KnownPerson(member.AadObjectId, member.Name, member.UserPrincipalName, member.Email);

    private async Task RecordAsync(KnownPerson person, CancellationToken ct)
    {
        if (_known.TryGetValue(person.AadObjectId, out var name) && name == person.Name && person.Upn is null) return;
        await people.PutAsync(person, ct);
        foreach (var listener in listeners)
            await listener.OnPersonSeenAsync(person, ct);
        _known[person.AadObjectId] = person.Name;
    }
}
