namespace InvestBot.Conversations;

/// <summary>Where the bot is installed: enough to post into the conversation later without a user message.</summary>
public sealed record ConversationRecord
{
    public required string ConversationId { get; init; }
    /// <summary>personal, groupChat or channel (Teams' conversationType).</summary>
    public required string ConversationType { get; init; }
    public string? TenantId { get; init; }
    public required string ServiceUrl { get; init; }
    public required string ChannelId { get; init; }
    public string? BotId { get; init; }
    public string? BotName { get; init; }
    public string? TeamId { get; init; }
    public string? TeamName { get; init; }
    public string? TeamsChannelId { get; init; }
    public string? Title { get; init; }
    /// <summary>For personal chats: the user's id and AAD object id, so reminders can reach them.</summary>
    public string? UserId { get; init; }
    public string? UserAadObjectId { get; init; }
    public string? UserName { get; init; }
    public bool Removed { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public string DisplayName => ConversationType switch
    {
        "channel" => $"{TeamName ?? "团队"} / {Title ?? "频道"}",
        "groupChat" => Title ?? "群聊",
        _ => UserName is null ? "个人聊天" : $"与 {UserName} 的个人聊天",
    };
}
