using InvestBot.Knowledge.Bot;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.KeyProjects.Bot;

/// <summary>
/// Under an answer about （二十六）提高跟踪问效频率, the commands that do what it asks: reporters update their projects,
/// admins run the monthly check, the quarterly report and the 督查报告. Buttons run the command as if typed.
/// </summary>
public sealed class KeyProjectArticleButtons(KeyProjectRules rules) : IArticleButtons
{
    public IEnumerable<JObject> For(int article, bool isAdmin)
    {
        if (article != (rules.Articles["monthlyCheck"].Article ?? 0)) return [];
        string[] commands = isAdmin
            ? [KeyProjectCommands.Overview, KeyProjectCommands.Publish, KeyProjectCommands.Supervision]
            : [KeyProjectCommands.Mine, KeyProjectCommands.Register];
        return commands.Select(c => Card.Execute(c, KeyProjectCards.OpenVerb, new OpenCommandPayload(c).ToData()));
    }
}
