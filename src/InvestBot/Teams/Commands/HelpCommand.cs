using InvestBot.Access;
using InvestBot.Teams.Cards;

namespace InvestBot.Teams.Commands;

/// <summary>帮助 / help / ? — the help card.</summary>
public sealed class HelpCommand : IMessageCommand
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
        { "帮助", "help", "?", "？", "菜单", "使用说明", "你能做什么", "能做什么" };

    private readonly IEnumerable<HelpEntry> _entries;
    private readonly UserRoles _roles;

    public HelpCommand(IEnumerable<HelpEntry> entries, UserRoles roles)
    {
        _entries = entries;
        _roles = roles;
    }

    public int Order => 0;

    public async Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct)
    {
        if (!Words.Contains(request.Text.Trim('。', '.', '!', '！', ' ')))
            return false;
        var card = WelcomeCards.Help(_entries, _roles.IsAdmin(request.User));
        await request.SendAsync(Card.ToActivity(card, "InvestBot 使用帮助"), ct);
        return true;
    }
}
