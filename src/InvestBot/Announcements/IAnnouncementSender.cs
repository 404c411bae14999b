using InvestBot.Conversations;

namespace InvestBot.Announcements;

/// <summary>One message to post: an Adaptive Card (JSON) with a text summary, or just text.</summary>
/// <param name="ShowText">Also post <paramref name="Text"/> as the message text next to the card: Teams then shows it in the chat
/// list and the notification instead of "sent a card".</param>
public sealed record OutgoingMessage(string? CardJson, string Text, bool ShowText = false);

public enum SendStatus { Sent, Retry, Gone, Failed }

/// <summary>Sent; Retry (429/412/5xx/network, after RetryAfter when the service said so); Gone (403/404: the bot lost the conversation); Failed (anything else).</summary>
public sealed record SendResult(SendStatus Status, TimeSpan? RetryAfter = null, string? Detail = null)
{
    public static readonly SendResult Ok = new(SendStatus.Sent);
}

/// <summary>Posts into a conversation without a user message (proactive). The one real implementation talks to the Bot Connector.</summary>
public interface IAnnouncementSender
{
    Task<SendResult> SendAsync(ConversationRecord to, OutgoingMessage message, CancellationToken ct);
}
