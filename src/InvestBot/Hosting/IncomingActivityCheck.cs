using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace InvestBot.Hosting;

/// <summary>
/// What /api/messages accepts before the adapter sees it. Teams always sends a conversation, a sender, a recipient and a
/// service URL, and an Action.Execute invoke always carries its action; anything else is a malformed request (a broken
/// client, a probe) and gets 400 with a log line, not a 500 from deep inside the SDK.
/// </summary>
public static class IncomingActivityCheck
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Microsoft.Bot.Builder.Integration.AspNet.Core.HttpHelper.BotMessageSerializerSettings);
    private static readonly string[] Conversational =
        [ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate, ActivityTypes.MessageReaction, ActivityTypes.Event];

    /// <summary>The activity as the adapter would read it, or why it may not go to the adapter (English, for the log).</summary>
    public static (Activity? Activity, string? Problem) Read(JToken body)
    {
        if (body is not JObject json) return (null, "the body is not a JSON object");
        if (Text(json["type"]) is not { Length: > 0 } type) return (null, "no type");
        Activity activity;
        try
        {
            // Wrong JSON types (a string where an object belongs, an object where text belongs) fail here.
            activity = json.ToObject<Activity>(Serializer)!;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidCastException)
        {
            return (null, "a field has the wrong JSON type: " + e.Message.Split('\n')[0]);
        }
        return (activity, ConversationProblem(json, type));
    }

    private static string? ConversationProblem(JObject json, string type)
    {
        if (!Conversational.Contains(type)) return null;
        if (Text(json["conversation"]?["id"]) is not { Length: > 0 }) return "no conversation id";
        if (Text(json["from"]?["id"]) is not { Length: > 0 }) return "no from id";
        if (Text(json["recipient"]?["id"]) is not { Length: > 0 }) return "no recipient id";
        if (!Uri.TryCreate(Text(json["serviceUrl"]), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) return "no valid serviceUrl";
        if (type == ActivityTypes.Invoke && Text(json["name"]) == "adaptiveCard/action" && json["value"]?["action"] is not JObject)
            return "an adaptiveCard/action invoke without value.action";
        return null;
    }

    private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } v ? (string?)v : null;
}
