using InvestBot.Teams.Commands;
using Newtonsoft.Json.Linq;

namespace InvestBot.Teams.Cards;

/// <summary>您是不是想用 填报？ — for a mistyped command word, with a button that runs the command.</summary>
public static class SuggestionCards
{
    public static JObject DidYouMean(CommandSuggestion suggestion)
    {
        var command = suggestion.Command;
        var body = new List<JToken?> { Card.Text(BotTexts.DidYouMeanCommand(command.Name), size: "Medium", weight: "Bolder") };
        if (command.Help is { } help)
            body.Add(Card.Text(BotTexts.DidYouMeanHint(help.Examples), isSubtle: true));
        return Card.Create(body, [Card.Say(suggestion.Text, suggestion.Text), Card.Say(BotTexts.ShowHelp, "帮助")],
            BotTexts.DidYouMeanCommand(command.Name));
    }
}
