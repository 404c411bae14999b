namespace InvestBot.Teams.Commands;

/// <summary>Where a command may answer. Teams calls a group chat "groupChat" and a team channel "channel".</summary>
[Flags]
public enum ConversationScope
{
    Personal = 1,
    GroupChat = 2,
    Channel = 4,
    Shared = GroupChat | Channel,
    Anywhere = Personal | GroupChat | Channel,
}

public static class ConversationScopes
{
    public static ConversationScope Of(string? conversationType) => conversationType switch
    {
        "groupChat" => ConversationScope.GroupChat,
        "channel" => ConversationScope.Channel,
        _ => ConversationScope.Personal,
    };

    /// <summary>How the scopes read in a sentence: 私聊 / 群聊 / 团队频道.</summary>
    public static string Describe(ConversationScope scopes) => string.Join("或", new[]
    {
        scopes.HasFlag(ConversationScope.Personal) ? "与 InvestBot 的私聊" : null,
        scopes.HasFlag(ConversationScope.GroupChat) ? "群聊" : null,
        scopes.HasFlag(ConversationScope.Channel) ? "团队频道" : null,
    }.Where(s => s is not null));
}
