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
        // Control characters are never meant (a NUL, an escape): dropped, so nothing echoes or stores them; lines stay.
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) text = Control().Replace(text, "");
        return text.Trim();
    }

    [GeneratedRegex(@"[\p{Cc}-[\n\r\t]]")]
    private static partial Regex Control();

    [GeneratedRegex("<at>.*?</at>", RegexOptions.Singleline)]
    private static partial Regex AtTag();
}
