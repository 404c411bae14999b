using System.Text.RegularExpressions;

namespace InvestBot.Teams.Commands;

/// <summary>How a command word meets the message.</summary>
public enum WordMatch
{
    /// <summary>The whole message is the word (trailing punctuation ignored): 排名, 我的填报.</summary>
    Exact,

    /// <summary>The message starts with the word; what follows is the command's arguments: 填报3月数据, 绑定 潮阳街道.</summary>
    Prefix,
}

/// <summary>One line of the help card: what the user can do and what to type.</summary>
public sealed record HelpLine(string Title, string Examples);

/// <summary>
/// One row of the declared command table. The router enforces <see cref="Scopes"/> and <see cref="AdminOnly"/> before
/// the handler runs; the help card, the manifest's command lists and the Q&amp;A fallback's reserved words are read
/// from the same rows, so they cannot drift apart.
/// </summary>
/// <param name="Name">The command word as the user sees it (manifest title, help card, scope and role messages).</param>
/// <param name="Handler">The <see cref="ICommandHandler"/> type that runs it.</param>
/// <param name="Help">The help-card line; null when another row's line already covers this command.</param>
/// <param name="Manifest">The description in the Teams manifest's command menu; null keeps it out of the menu.</param>
public sealed record BotCommand(string Name, Type Handler, WordMatch Match = WordMatch.Prefix,
    ConversationScope Scopes = ConversationScope.Anywhere, bool AdminOnly = false, HelpLine? Help = null, string? Manifest = null)
{
    /// <summary>
    /// An admin command that only shows (填报情况, 重点项目, 督查报告, exports): read-only 督查 users may run it too. Only for
    /// handlers that change nothing; the router checks it, the handler's own view check must allow 督查 as well.
    /// </summary>
    public bool ForSupervisors { get; init; }

    /// <summary>Whether <paramref name="user"/> may run it (checked by the router, and by buttons that run commands).</summary>
    public bool Allows(Access.UserRoles roles, Access.UserIdentity user) =>
        !AdminOnly || roles.IsAdmin(user) || (ForSupervisors && roles.IsSupervisor(user));

    /// <summary>Why <paramref name="user"/> may not run it: 督查 users are told they only read.</summary>
    public string Refusal(Access.UserRoles roles, Access.UserIdentity user) =>
        roles.IsSupervisor(user) ? BotTexts.SupervisorReadOnly(Name) : BotTexts.AdminOnly(Name);

    /// <summary>Other words for the same command (学员 type 我要填报 as often as 填报).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IEnumerable<string> Words => Aliases.Prepend(Name);

    /// <summary>
    /// It shows one unit's data (a form, records, a ranking): asked in a group or channel, the router sends the answer to
    /// the asker's personal chat and only a short note to the group; group help and welcome cards do not offer it.
    /// </summary>
    public bool Privately { get; init; }

    /// <summary>
    /// Whole-message phrasings that also mean this command (我们单位排第几 → 我单位排名), as regular expressions. Tried
    /// after every command word, so a word always wins; they take no arguments.
    /// </summary>
    public IReadOnlyList<string> Phrasings
    {
        get => _phrasings;
        init
        {
            _phrasings = value;
            PhrasingPatterns = value.Select(p => new Regex(p,
                RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)).ToList();
        }
    }

    private readonly IReadOnlyList<string> _phrasings = [];

    internal IReadOnlyList<Regex> PhrasingPatterns { get; private init; } = [];

    /// <summary>Where the Teams command menu offers it (null: wherever it works). A command can work in a group yet be offered only in the personal chat.</summary>
    public ConversationScope? ManifestScopes { get; init; }

    public ConversationScope MenuScopes => Manifest is null ? 0 : ManifestScopes ?? Scopes;

    public static BotCommand For<THandler>(string name, WordMatch match = WordMatch.Prefix,
        ConversationScope scopes = ConversationScope.Anywhere, bool adminOnly = false, HelpLine? help = null, string? manifest = null)
        where THandler : ICommandHandler =>
        new(name, typeof(THandler), match, scopes, adminOnly, help, manifest);
}

/// <summary>A help line for something that is not a command word (free-text questions), placed in the table's order.</summary>
public sealed record HelpOnly(HelpLine Line, ConversationScope Scopes = ConversationScope.Anywhere, bool AdminOnly = false);

/// <summary>A card button's verb, the handler that owns it, and whether only admins may press it.</summary>
public sealed record CardVerb(string Verb, Type Handler, bool AdminOnly = false)
{
    public static CardVerb For<THandler>(string verb, bool adminOnly = false) where THandler : ICardActionHandler =>
        new(verb, typeof(THandler), adminOnly);

    /// <summary>An admin button 督查 users may press too (recording what a check found); the handler checks the role again.</summary>
    public bool ForSupervisors { get; init; }

    public bool Allows(Access.UserRoles roles, Access.UserIdentity user) =>
        !AdminOnly || roles.IsAdmin(user) || (ForSupervisors && roles.IsSupervisor(user));
}
