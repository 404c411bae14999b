using InvestBot.Access;
using InvestBot.Teams.Cards;

namespace InvestBot.Teams.Commands;

/// <summary>The kernel's own rows of the command table.</summary>
public static class KernelCommands
{
    public static readonly CommandSection Section = new("帮助",
        [
            BotCommand.For<HelpCommand>("帮助", WordMatch.Exact, help: new("查看帮助", "帮助"),
                manifest: "查看 InvestBot 能做什么以及怎样提问") with { Aliases = ["help", "?", "？", "菜单", "使用说明", "你能做什么", "能做什么"] },
        ],
        []);
}

/// <summary>帮助 / help / ? — the help card for this conversation's scope and the user's role.</summary>
public sealed class HelpCommand(CommandTable table, UserRoles roles) : ICommandHandler
{
    public Task HandleAsync(CommandRequest request, CancellationToken ct) =>
        request.SendAsync(Card.ToActivity(WelcomeCards.Help(table, ConversationScopes.Of(request.ConversationType), roles.IsAdmin(request.User),
                isSupervisor: roles.IsSupervisor(request.User)),
            BotTexts.HelpSummary), ct);
}
