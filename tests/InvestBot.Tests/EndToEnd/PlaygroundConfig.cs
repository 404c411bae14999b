using System.Text;

namespace InvestBot.Tests.EndToEnd;

/// <summary>A person in the Playground's mock tenant (AadObjectId is what the bot sees as the user id).</summary>
public sealed record PlaygroundUser(string Id, string Name, string AadObjectId)
{
    /// <summary>Sign-in name and mail in the mock tenant (what a roster lists).</summary>
    public string Mail => $"{Id}@baodi.example";
}

/// <summary>
/// Writes the Agents Playground's mock Teams context (.m365agentsplayground.yml): who "I" am, the other
/// users (the Playground insists on at least five), one group chat and one team with one extra channel.
/// </summary>
public sealed record PlaygroundConfig(PlaygroundUser CurrentUser, IReadOnlyList<PlaygroundUser> Users)
{
    public const string BotName = "招商引资助手";
    public const string GroupChatName = "招商引资工作群";
    public const string TeamName = "宝坻区招商引资";
    public const string ChannelName = "通报";

    /// <summary>The mock tenant the Playground puts on every activity (and the bot is told to believe).</summary>
    public const string TenantId = "00000000-0000-0000-0000-0000000000e1";

    public static PlaygroundUser Admin { get; } = new("user-admin", "王主任", "00000000-0000-0000-0000-0000000000a1");

    /// <summary>A town's reporter, not an admin.</summary>
    public static PlaygroundUser Reporter { get; } = new("user-c1", "李明", "00000000-0000-0000-0000-0000000000c1");

    /// <summary>Another town's reporter, not an admin.</summary>
    public static PlaygroundUser SecondReporter { get; } = new("user-c2", "张华", "00000000-0000-0000-0000-0000000000c2");

    /// <summary>A third person, bound by an admin's @mention.</summary>
    public static PlaygroundUser ThirdReporter { get; } = new("user-c3", "赵敏", "00000000-0000-0000-0000-0000000000c3");

    private static readonly PlaygroundUser[] Tenant =
    [
        Admin,
        Reporter,
        SecondReporter,
        ThirdReporter,
        new("user-c4", "刘洋", "00000000-0000-0000-0000-0000000000c4"),
        new("user-c5", "陈静", "00000000-0000-0000-0000-0000000000c5"),
    ];

    /// <summary>The same tenant seen by <paramref name="me"/>: everyone else is one of the (at least five) other users.</summary>
    public static PlaygroundConfig WithCurrentUser(PlaygroundUser me) =>
        new(me, Tenant.Where(u => u.AadObjectId != me.AadObjectId).ToList());

    public string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("version: \"0.1.1\"");
        yaml.AppendLine($"tenantId: {TenantId}");
        yaml.AppendLine("bot:");
        yaml.AppendLine("  id: 00000000-0000-0000-0000-0000000000b0");
        yaml.AppendLine($"  name: {BotName}");
        yaml.AppendLine("currentUser:");
        AppendUser(yaml, CurrentUser, "  ");
        yaml.AppendLine("users:");
        foreach (var user in Users)
            AppendUser(yaml, user, "  - ", "    ");
        yaml.AppendLine("personalChat:");
        yaml.AppendLine($"  id: personal-chat-{CurrentUser.Id}"); // one 1:1 chat per person, as in Teams
        yaml.AppendLine("groupChat:");
        yaml.AppendLine("  id: group-chat-investment");
        yaml.AppendLine($"  name: {GroupChatName}");
        yaml.AppendLine("team:");
        yaml.AppendLine("  id: team-investment");
        yaml.AppendLine($"  name: {TeamName}");
        yaml.AppendLine("  aadGroupId: 00000000-0000-0000-0000-0000000000f1");
        yaml.AppendLine("  channels:");
        yaml.AppendLine("    - id: channel-announcements");
        yaml.AppendLine($"      name: {ChannelName}");
        return yaml.ToString();
    }

    private static void AppendUser(StringBuilder yaml, PlaygroundUser user, string first, string? rest = null)
    {
        rest ??= first;
        var mail = user.Mail;
        yaml.AppendLine($"{first}id: {user.Id}");
        yaml.AppendLine($"{rest}name: {user.Name}");
        yaml.AppendLine($"{rest}userPrincipleName: {mail}");
        yaml.AppendLine($"{rest}aadObjectId: {user.AadObjectId}");
        yaml.AppendLine($"{rest}givenName: {user.Name[1..]}");
        yaml.AppendLine($"{rest}surname: {user.Name[..1]}");
        yaml.AppendLine($"{rest}email: {mail}");
    }
}
