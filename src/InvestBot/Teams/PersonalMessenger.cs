using InvestBot.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;

namespace InvestBot.Teams;

/// <summary>
/// Every proactive personal message (approval requests to admins, outcomes and reminders to reporters, rankings asked for
/// in a group, publication notices): finds the person's 1:1 chat with the bot in the installation store and continues it.
/// </summary>
public sealed class PersonalMessenger(CloudAdapter adapter, IConversationStore conversations, IConfiguration configuration,
    ILogger<PersonalMessenger> log) : IPersonalMessenger
{
    private readonly string _appId = configuration["MicrosoftAppId"] ?? "";

    public Task<bool> SendTextAsync(string aadObjectId, string text, CancellationToken ct) =>
        SendToUserAsync(aadObjectId, MessageFactory.Text(text), ct);

    public Task<bool> SendToUserAsync(string aadObjectId, IActivity activity, CancellationToken ct) =>
        SendToUserAsync(aadObjectId, [activity], ct);

    /// <summary>Sends the activities in order in one go. False when the person never talked to the bot (no personal chat
    /// known) or Teams refused a message.</summary>
    public async Task<bool> SendToUserAsync(string aadObjectId, IReadOnlyList<IActivity> activities, CancellationToken ct)
    {
        var chat = await conversations.FindPersonalChatAsync(aadObjectId, ct);
        if (chat is null)
        {
            log.LogInformation("{User} has no personal chat with the bot yet; message not sent", aadObjectId);
            return false;
        }
        var reference = new ConversationReference
        {
            ChannelId = chat.ChannelId,
            ServiceUrl = chat.ServiceUrl,
            Conversation = new ConversationAccount(conversationType: "personal", id: chat.ConversationId, tenantId: chat.TenantId),
            Bot = new ChannelAccount(chat.BotId, chat.BotName),
            User = new ChannelAccount(chat.UserId, chat.UserName, aadObjectId: aadObjectId),
        };
        try
        {
            await adapter.ContinueConversationAsync(_appId, reference, (turn, c) => turn.SendActivitiesAsync(activities.ToArray(), c), ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One unreachable person must not break the flow for everyone else.
            log.LogWarning(e, "Could not send a personal message to {User}", aadObjectId);
            return false;
        }
    }
}
