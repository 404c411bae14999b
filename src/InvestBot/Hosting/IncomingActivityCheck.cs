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
    /// The body read straight into an <see cref="Activity"/>, as the SDK reads it, and checked on its fields. Only a body
    /// that does not deserialise (or claims a type the SDK does not define) is read again as a JSON tree, to say which
    /// JSON is wrong. Teams' requests therefore cost one deserialisation, not a tree and then an activity.
    /// </summary>
    /// <returns>The activity, or the problem and, for the log, the type and id the body claims.</returns>
    public static (Activity? Activity, string? Problem, string? Claimed) Read(MemoryStream body)
    {
        try
        {
            using var reader = JsonReaderOver(body);
            if (Serializer.Deserialize<Activity>(reader) is { } activity && KnownTypes.Contains(activity.Type ?? ""))
                return ConversationProblem(activity) is { } problem
                    ? (null, problem, $"type {Clip(activity.Type)}, id {Clip(activity.Id)}")
                    : (activity, null, null);
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
        var (checkedActivity, jsonProblem) = Read(token);
        var claimed = token is JObject json ? $"type {Clip(json["type"]?.ToString(Formatting.None))}, id {Clip(json["id"]?.ToString(Formatting.None))}" : null;
        return (checkedActivity, jsonProblem, claimed);
    }

    /// <summary>The activity, or what is wrong with the JSON itself (English, for the log).</summary>
    private static (Activity? Activity, string? Problem) Read(JToken body)
    {
        if (body is not JObject json) return (null, "the body is not a JSON object");
        if (json["type"] is not JValue { Type: JTokenType.String } type || ((string?)type)?.Length is null or 0) return (null, "no type");
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
        return ConversationProblem(activity) is { } problem ? (null, problem) : (activity, null);
    }

    /// <summary>What Teams always sends with a conversational activity.</summary>
    private static string? ConversationProblem(Activity activity)
    {
        if (!Conversational.Contains(activity.Type)) return null;
        if (activity.Conversation?.Id is not { Length: > 0 }) return "no conversation id";
        if (activity.From?.Id is not { Length: > 0 }) return "no from id";
        if (activity.Recipient?.Id is not { Length: > 0 }) return "no recipient id";
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) return "no valid serviceUrl";
        if (activity.Type == ActivityTypes.Invoke && activity.Name == "adaptiveCard/action" && (activity.Value as JObject)?["action"] is not JObject)
            return "an adaptiveCard/action invoke without value.action";
        return null;
    }

    private static string Clip(string? text) => text is null ? "-" : text.Length > 80 ? text[..80] + "…" : text;

    // Dates stay text inside value and channelData (card data is read with strict JSON types); typed date properties
    // such as timestamp are still parsed.
    private static JsonTextReader JsonReaderOver(MemoryStream body) =>
        new(new StreamReader(body, leaveOpen: true)) { DateParseHandling = DateParseHandling.None, CloseInput = false };
}
