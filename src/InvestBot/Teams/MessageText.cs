using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;

namespace InvestBot.Teams;

public static partial class MessageText
{
    /// <summary>The user's words without the bot's @mention, HTML mention tags, or surrounding spaces.</summary>
    public static string Clean(IMessageActivity activity)
    {
        var text = activity.RemoveRecipientMention() ?? activity.Text ?? "";
        text = AtTag().Replace(text, "");
        text = text.Replace("&nbsp;", " ").Replace('\u00A0', ' ').Replace('\u3000', ' ');
        return text.Trim();
    }

    [GeneratedRegex("<at>.*?</at>", RegexOptions.Singleline)]
    private static partial Regex AtTag();
}
