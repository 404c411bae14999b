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
    private static readonly HashSet<string> KnownTypes = typeof(ActivityTypes).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The body read straight into an <see cref="Activity"/> and checked on its fields, as the SDK reads it; only a body
    /// that fails (or has a type the SDK does not define) is read again as JSON, to say exactly why. Teams' requests
    /// therefore cost one deserialisation, not a JSON tree and then an activity.
    /// </summary>
    /// <returns>The activity, or the problem and, for the log, the type and id the body claims.</returns>
    public static (Activity? Activity, string? Problem, string? Claimed) Read(MemoryStream body)
    {
        try
        {
            using var reader = JsonReaderOver(body);
            if (Serializer.Deserialize<Activity>(reader) is { } activity && KnownTypes.Contains(activity.Type ?? "")
                && ConversationProblem(activity) is null)
                return (activity, null, null);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidCastException)
        {
            // Read again below for the reason.
        }
        body.Position = 0;
        JToken token;
        try
        {
            using var reader = JsonReaderOver(body);
            token = JToken.ReadFrom(reader);
        }
        catch (JsonException e)
        {
            return (null, "the body is not JSON: " + e.Message.Split('\n')[0], null);
        }
        var (checkedActivity, problem) = Read(token);
        var claimed = token is JObject json ? $"type {Clip(json["type"])}, id {Clip(json["id"])}" : null;
        return (checkedActivity, problem, claimed);
    }

    private static string Clip(JToken? token) => token?.ToString(Formatting.None) is { } s && s.Length > 80 ? s[..80] + "…" : token?.ToString(Formatting.None) ?? "-";

    // Dates stay text inside value and channelData (card data is read with strict JSON types); typed date properties
    // such as timestamp are still parsed.
    private static JsonTextReader JsonReaderOver(MemoryStream body) =>
        new(new StreamReader(body, leaveOpen: true)) { DateParseHandling = DateParseHandling.None, CloseInput = false };

    private static string? ConversationProblem(Activity activity)
    {
        if (!Conversational.Contains(activity.Type)) return null;
        if (activity.Conversation?.Id is not { Length: > 0 } || activity.From?.Id is not { Length: > 0 } || activity.Recipient?.Id is not { Length: > 0 })
            return "missing id";
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) return "no valid serviceUrl";
        if (activity.Type == ActivityTypes.Invoke && activity.Name == "adaptiveCard/action" && (activity.Value as JObject)?["action"] is not JObject)
            return "an adaptiveCard/action invoke without value.action";
        return null;
    }

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
