using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InvestBot.Teams.Commands;

/// <summary>
/// One capability's part of the command table: its commands, its card verbs and its help lines, in the order the
/// help card shows them. Each capability declares one (e.g. <c>ReportingCommands.Section</c>).
/// </summary>
public sealed record CommandSection(string Capability, IReadOnlyList<BotCommand> Commands, IReadOnlyList<CardVerb> CardVerbs)
{
    /// <summary>Help lines for what is not a command word (free-text questions); shown before the commands' lines.</summary>
    public IReadOnlyList<HelpOnly> HelpLines { get; init; } = [];
}

/// <summary>A command row as the help card and the welcome card need it.</summary>
/// <param name="Privately">The command answers in the personal chat only (see <see cref="BotCommand.Privately"/>).</param>
public sealed record HelpRow(HelpLine Line, ConversationScope Scopes, bool AdminOnly, bool Privately = false)
{
    /// <summary>Whether a help card shown in <paramref name="scope"/> lists it: it works there, and privately answered
    /// commands are offered where they answer (the personal chat).</summary>
    public bool ShownIn(ConversationScope scope) => (Scopes & scope) != 0 && (scope == ConversationScope.Personal || !Privately);
}

/// <summary>
/// The declared command table: every capability's section in the order the composition root registers them.
/// Routing: of the rows whose word starts the message, the longest word wins (填报情况 before 填报); equal words
/// cannot happen (checked at start-up); a row whose handler declines its arguments passes the message on.
/// </summary>
public sealed class CommandTable
{
    private readonly List<(string Word, BotCommand Command)> _byWord;
    // Ordinal: a handler compares the verb it got with its own constants, so a verb in other case must not reach it.
    private readonly Dictionary<string, CardVerb> _verbs = new(StringComparer.Ordinal);

    public CommandTable(IEnumerable<CommandSection> sections)
    {
        Sections = sections.ToList();
        Commands = Sections.SelectMany(s => s.Commands).ToList();
        var words = new Dictionary<string, BotCommand>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in Commands)
            foreach (var word in command.Words)
                if (!words.TryAdd(word, command))
                    throw new InvalidOperationException($"命令词“{word}”在命令表中出现了两次（{words[word].Name} / {command.Name}）。");
        // Longest first; equal lengths keep table order (List.Sort is not stable, OrderBy is).
        _byWord = words.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Key.Length).ToList();
        foreach (var verb in Sections.SelectMany(s => s.CardVerbs))
            if (!_verbs.TryAdd(verb.Verb, verb))
                throw new InvalidOperationException($"card verb '{verb.Verb}' is declared twice");
    }

    public IReadOnlyList<CommandSection> Sections { get; }

    public IReadOnlyList<BotCommand> Commands { get; }

    /// <summary>Every command word: the Q&amp;A leaves a message that is one of these (with its argument) to the help card.</summary>
    public IEnumerable<string> Words => _byWord.Select(w => w.Word);

    public CardVerb? FindVerb(string verb) => _verbs.GetValueOrDefault(verb);

    /// <summary>The rows whose word starts <paramref name="text"/>, longest word first, with the arguments after the word.</summary>
    public IEnumerable<(BotCommand Command, string Word, string Args)> Match(string text)
    {
        var trimmed = text.Trim();
        var bare = trimmed.TrimEnd('。', '.', '!', '！', ' ');
        foreach (var (word, command) in _byWord)
        {
            if (command.Match == WordMatch.Exact)
            {
                if (string.Equals(bare, word, StringComparison.OrdinalIgnoreCase))
                    yield return (command, word, "");
            }
            else if (trimmed.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                // Keep a leading line break: 导入目标's table starts on the line after the command.
                yield return (command, word, trimmed[word.Length..].TrimStart(' ', '\t', '\u3000').TrimEnd());
            }
        }
        foreach (var command in Commands)
            if (command.PhrasingPatterns.Any(p => p.IsMatch(bare)))
                yield return (command, bare, "");
    }

    /// <summary>The help card's lines in table order: free-text lines and command lines with a help line.</summary>
    public IEnumerable<HelpRow> HelpRows() => Sections.SelectMany(s =>
        s.HelpLines.Select(h => new HelpRow(h.Line, h.Scopes, h.AdminOnly))
            .Concat(s.Commands.Where(c => c.Help is not null).Select(c => new HelpRow(c.Help!, c.Scopes, c.AdminOnly, c.Privately))));
}

public static class CommandTableRegistration
{
    /// <summary>Adds a capability's section and makes its handlers resolvable (one instance per handler type).</summary>
    public static IServiceCollection AddCommandSection(this IServiceCollection services, CommandSection section)
    {
        services.AddSingleton(section);
        foreach (var type in section.Commands.Select(c => c.Handler).Concat(section.CardVerbs.Select(v => v.Handler)).Distinct())
            services.TryAddSingleton(type);
        return services;
    }
}
