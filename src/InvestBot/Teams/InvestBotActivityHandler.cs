using InvestBot.Access;
using InvestBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams;

/// <summary>
/// Routes Teams activities to the capability that owns them. It stays thin on purpose:
/// no business rule lives here.
/// </summary>
public sealed class InvestBotActivityHandler : TeamsActivityHandler
{
    private readonly IReadOnlyList<IMessageCommand> _commands;
    private readonly Dictionary<string, ICardActionHandler> _actions;
    private readonly IReadOnlyList<HelpEntry> _help;
    private readonly ConversationTracker _conversations;
    private readonly UserRoles _roles;
    private readonly ILogger<InvestBotActivityHandler> _log;

    public InvestBotActivityHandler(
        IEnumerable<IMessageCommand> commands,
        IEnumerable<ICardActionHandler> actions,
        IEnumerable<HelpEntry> help,
        ConversationTracker conversations,
        UserRoles roles,
        ILogger<InvestBotActivityHandler> log)
    {
        _commands = commands.OrderBy(c => c.Order).ToList();
        _actions = new(StringComparer.OrdinalIgnoreCase);
        foreach (var handler in actions)
            foreach (var verb in handler.Verbs)
                _actions.Add(verb, handler);
        _help = help.ToList();
        _conversations = conversations;
        _roles = roles;
        _log = log;
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        var user = UserIdentityReader.From(activity);

        // An Action.Submit press arrives as a message whose value carries our verb.
        if (activity.Value is JObject value && value.Value<string>("verb") is { Length: > 0 } verb && string.IsNullOrWhiteSpace(activity.Text))
        {
            var result = await RunCardActionAsync(new CardActionRequest(turn, verb, value, user), ct);
            await turn.SendActivityAsync(result.Card is not null ? Card.ToActivity(result.Card, result.Message ?? "InvestBot") : MessageFactory.Text(result.Message), ct);
            return;
        }

        var personal = (activity.Conversation?.ConversationType ?? "personal") == "personal";
        if (!personal && !MentionsBot(activity))
            return; // In group chats and channels we speak only when spoken to.

        await _conversations.SeenAsync(activity, ct);
        var text = MessageText.Clean(activity);
        var request = new MessageRequest(turn, text, user);
        foreach (var command in _commands)
        {
            if (await command.TryHandleAsync(request, ct))
                return;
        }
        await SendHelpAsync(turn, user, text.Length == 0 ? null : text, ct);
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
        var result = await RunCardActionAsync(new CardActionRequest(turn, verb, data, UserIdentityReader.From(turn.Activity)), ct);
        return result.Card is not null
            ? new AdaptiveCardInvokeResponse { StatusCode = 200, Type = Card.ContentType, Value = result.Card }
            : new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = result.Message ?? "" };
    }

    private async Task<CardActionResult> RunCardActionAsync(CardActionRequest request, CancellationToken ct)
    {
        if (!_actions.TryGetValue(request.Verb, out var handler))
        {
            _log.LogWarning("Unknown card verb {Verb}", request.Verb);
            return CardActionResult.Say("这个按钮已失效或无法识别，请重新发送命令获取最新的卡片。");
        }
        try
        {
            return await handler.HandleAsync(request, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The user sees a plain apology; the details go to the log, never into Teams.
            _log.LogError(ex, "Card action {Verb} failed", request.Verb);
            return CardActionResult.Say("抱歉，处理这个操作时出错了，您的数据没有被修改。请稍后再试。");
        }
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turn, CancellationToken ct)
    {
        if (membersAdded.Any(m => m.Id == turn.Activity.Recipient?.Id))
            await WelcomeIfFreshAsync(turn, ct);
    }

    protected override async Task OnMembersRemovedAsync(IList<ChannelAccount> membersRemoved, ITurnContext<IConversationUpdateActivity> turn, CancellationToken ct)
    {
        if (membersRemoved.Any(m => m.Id == turn.Activity.Recipient?.Id))
            await _conversations.RemovedAsync(turn.Activity, ct);
    }

    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turn, CancellationToken ct) =>
        WelcomeIfFreshAsync(turn, ct);

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turn, CancellationToken ct) =>
        _conversations.RemovedAsync(turn.Activity, ct);

    // Teams sends both installationUpdate and conversationUpdate on install; whichever comes first welcomes.
    private async Task WelcomeIfFreshAsync(ITurnContext turn, CancellationToken ct)
    {
        if (await _conversations.InstalledAsync(turn.Activity, ct))
        {
            var type = turn.Activity.Conversation?.ConversationType ?? "personal";
            await turn.SendActivityAsync(Card.ToActivity(WelcomeCards.Welcome(type, _help), "欢迎使用 InvestBot"), ct);
        }
    }

    private Task SendHelpAsync(ITurnContext turn, UserIdentity user, string? notUnderstood, CancellationToken ct) =>
        turn.SendActivityAsync(Card.ToActivity(WelcomeCards.Help(_help, _roles.IsAdmin(user), notUnderstood), "InvestBot 使用帮助"), ct);

    private static bool MentionsBot(IActivity activity) =>
        activity.AsMessageActivity()?.GetMentions()?.Any(m => m.Mentioned?.Id == activity.Recipient?.Id) == true;
}
