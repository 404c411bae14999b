using InvestBot.Access;
using InvestBot.Common;
using InvestBot.Storage;
using InvestBot.Teams.Cards;
using InvestBot.Teams.Commands;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams;

/// <summary>
/// Receives Teams activities: messages go to the <see cref="MessageRouter"/> (the command table), card presses to the
/// verb's handler after its role check, installs get one welcome. It stays thin on purpose: no business rule lives
/// here. A singleton: it holds no per-turn state.
/// </summary>
public sealed class InvestBotActivityHandler(
    CommandTable table,
    MessageRouter router,
    IServiceProvider services,
    ConversationTracker conversations,
    PeopleTracker people,
    UserRoles roles,
    IOptions<InvestBotOptions> options,
    InvestBotMetrics metrics,
    ILogger<InvestBotActivityHandler> log) : TeamsActivityHandler
{
    /// <summary>How long a first message waits for its sender to be learned (Teams' member lookup and one write).</summary>
    private static readonly TimeSpan FirstSightWait = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Every turn runs under a storage deadline (<see cref="InvestBotOptions.TurnStorageSeconds"/>). A message turn that fails
    /// (storage hanging or down, or a bug) answers in Chinese with only what is known about its writes, and logs its reference.
    /// </summary>
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken ct = default)
    {
        using var storage = StorageTurn.Begin(TimeSpan.FromSeconds(options.Value.TurnStorageSeconds));
        try
        {
            await base.OnTurnAsync(turnContext, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && turnContext.Activity.Type == ActivityTypes.Message)
        {
            metrics.Error("turn", e);
            log.LogError(e, "Turn {Reference} ({Activity}) failed; storage failed: {StorageFailed}, writes: {Writes}",
                storage.CorrelationId, turnContext.Activity.Id, storage.StorageFailed, storage.Writes);
            await turnContext.SendActivityAsync(MessageFactory.Text(BotTexts.Failed(storage.Writes, storage.StorageFailed, storage.CorrelationId)),
                CancellationToken.None);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        var user = UserIdentityReader.From(activity);
        if (!user.IsKnown)
        {
            await RefuseUnknownAsync(turn, ct);
            return;
        }

        // An Action.Submit press arrives as a message whose value carries our verb.
        if (activity.Value is JObject value && value.Value<string>("verb") is { Length: > 0 } verb && string.IsNullOrWhiteSpace(activity.Text))
        {
            var result = await RunCardActionAsync(new CardActionRequest(turn, verb, value, user), ct);
            await turn.SendActivityAsync(result.Card is not null ? Card.ToActivity(result.Card, result.Message ?? "InvestBot") : MessageFactory.Text(result.Message), ct);
            return;
        }

        var scope = ConversationScopes.Of(activity.Conversation?.ConversationType);
        if (scope != ConversationScope.Personal && !MentionsBot(activity))
            return; // In group chats and channels we speak only when spoken to.

        // Recorded alongside the answer, not before it: a question never waits on storage (a failure is retried in the background).
        // Its own storage turn: bookkeeping is not the user's data, so it must not make an apology say "已保存".
        var firstSight = !people.Knows(activity);
        Task seen, person;
        using (StorageTurn.Begin(StorageTurn.Current?.Remaining ?? TimeSpan.FromSeconds(options.Value.TurnStorageSeconds)))
        {
            person = people.SeenAsync(turn, ct);
            seen = Task.WhenAll(conversations.SeenAsync(activity, ct), person);
        }
        // Someone this process has not met yet: learn them first (briefly), so a reporter on an imported roster is bound
        // before their very first command is answered, instead of being told they are not bound.
        if (firstSight) await Task.WhenAny(person, Task.Delay(FirstSightWait, ct));
        try
        {
            await router.RouteAsync(turn, MessageText.Clean(activity), user, ct);
        }
        finally
        {
            await conversations.SettleAsync(seen, activity);
        }
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turn, AdaptiveCardInvokeValue invokeValue, CancellationToken ct)
    {
        var verb = invokeValue?.Action?.Verb ?? "";
        var data = invokeValue?.Action?.Data switch
        {
            JObject o => o,
            null => new JObject(),
            var other => JToken.FromObject(other) as JObject ?? new JObject(),
        };
        var user = UserIdentityReader.From(turn.Activity);
        if (!user.IsKnown)
        {
            metrics.Refused("identity");
            log.LogWarning("Refused a card action ({Verb}) without an AAD object id", verb);
            return new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = BotTexts.UnknownUser };
        }
        var result = await RunCardActionAsync(new CardActionRequest(turn, verb, data, user), ct);
        return result.Card is not null
            ? new AdaptiveCardInvokeResponse { StatusCode = 200, Type = Card.ContentType, Value = result.Card }
            : new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = result.Message ?? "" };
    }

    /// <summary>Teams sends every user's AAD object id; a message without one is not answered as anybody (and not recorded).</summary>
    private async Task RefuseUnknownAsync(ITurnContext<IMessageActivity> turn, CancellationToken ct)
    {
        metrics.Refused("identity");
        log.LogWarning("Refused a message without an AAD object id in a {Scope} conversation", turn.Activity.Conversation?.ConversationType ?? "-");
        var scope = ConversationScopes.Of(turn.Activity.Conversation?.ConversationType);
        if (scope == ConversationScope.Personal || MentionsBot(turn.Activity))
            await turn.SendActivityAsync(MessageFactory.Text(BotTexts.UnknownUser), ct);
    }

    private async Task<CardActionResult> RunCardActionAsync(CardActionRequest request, CancellationToken ct)
    {
        if (string.Equals(request.Verb, SayPayload.Verb, StringComparison.Ordinal))
            return await SayAsync(request, ct);
        if (table.FindVerb(request.Verb) is not { } verb)
        {
            log.LogWarning("Unknown card verb {Verb}", request.Verb);
            return CardActionResult.Say(BotTexts.UnknownButton);
        }
        if (!verb.Allows(roles, request.User))
            return CardActionResult.Say(roles.IsSupervisor(request.User) ? BotTexts.SupervisorReadOnlyAction : BotTexts.AdminOnlyAction);
        try
        {
            return await ((ICardActionHandler)services.GetRequiredService(verb.Handler)).HandleAsync(request, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || StorageTurn.Current?.StorageFailed == true)
        {
            // The user sees what is known about the turn's writes; the details go to the log, never into Teams.
            var storage = StorageTurn.Current;
            var reference = storage?.CorrelationId ?? "-";
            metrics.Error("card", ex);
            log.LogError(ex, "Card action {Verb} failed in turn {Reference}; storage failed: {StorageFailed}, writes: {Writes}",
                request.Verb, reference, storage?.StorageFailed, storage?.Writes);
            return CardActionResult.Say(BotTexts.Failed(storage?.Writes ?? TurnWrites.None, storage?.StorageFailed ?? false, reference));
        }
    }

    /// <summary>
    /// A <see cref="Card.Say"/> button: its text runs as if the presser typed it here; the replies are new messages and
    /// the pressed card stays. The short invoke answer shows under the card what the button sent, as imBack would have.
    /// </summary>
    private async Task<CardActionResult> SayAsync(CardActionRequest request, CancellationToken ct)
    {
        if (request.Read<SayPayload>() is not { } say)
            return CardActionResult.Say(BotTexts.UnknownButton);
        await router.RouteAsync(request.Turn, say.Text.Trim(), request.User, ct);
        return CardActionResult.Say(BotTexts.ButtonSent(say.Text.Trim()));
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turn, CancellationToken ct)
    {
        if (membersAdded.Any(m => m.Id == turn.Activity.Recipient?.Id))
            await WelcomeIfFreshAsync(turn, ct);
        // The bot, or someone new, joined: learn the chat's people by name (and sign-in name, for a roster import).
        if (ConversationScopes.Of(turn.Activity.Conversation?.ConversationType) != ConversationScope.Personal)
            await people.RosterAsync(turn, ct);
    }

    protected override async Task OnMembersRemovedAsync(IList<ChannelAccount> membersRemoved, ITurnContext<IConversationUpdateActivity> turn, CancellationToken ct)
    {
        if (membersRemoved.Any(m => m.Id == turn.Activity.Recipient?.Id))
            await conversations.RemovedAsync(turn.Activity, ct);
    }

    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turn, CancellationToken ct) =>
        WelcomeIfFreshAsync(turn, ct);

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turn, CancellationToken ct) =>
        conversations.RemovedAsync(turn.Activity, ct);

    // Teams sends both installationUpdate and conversationUpdate on install; whichever comes first welcomes.
    private async Task WelcomeIfFreshAsync(ITurnContext turn, CancellationToken ct)
    {
        if (await conversations.InstalledOrRetryAsync(turn.Activity, ct))
        {
            var scope = ConversationScopes.Of(turn.Activity.Conversation?.ConversationType);
            await turn.SendActivityAsync(Card.ToActivity(WelcomeCards.Welcome(table, scope), BotTexts.WelcomeSummary), ct);
        }
    }

    private static bool MentionsBot(IActivity activity) =>
        activity.AsMessageActivity()?.GetMentions()?.Any(m => m.Mentioned?.Id == activity.Recipient?.Id) == true;
}
