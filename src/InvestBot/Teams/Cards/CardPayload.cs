using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace InvestBot.Teams.Cards;

/// <summary>
/// The data a card button carries, as one record per verb: the card writes it with <see cref="ToData"/> and the
/// handler reads it back with <see cref="Read{T}"/>. What comes back is untrusted (a client can send anything), so
/// reading is strict — wrong JSON types are rejected, not coerced — and each record validates itself in
/// <see cref="IsValid"/>. Names are camelCase so the wire format stays what the cards already send.
/// </summary>
public abstract record CardPayload
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        NullValueHandling = NullValueHandling.Ignore,
    });

    /// <summary>The card's data object (Action.Execute <c>data</c>). Derived, read-only helpers carry [JsonIgnore].</summary>
    public JObject ToData() => JObject.FromObject(this, Serializer);

    /// <summary>True when every field is within its rules. Runs after the types were checked.</summary>
    protected virtual bool IsValid() => true;

    public static T? Read<T>(JObject? data) where T : CardPayload
    {
        if (data is null || !TypesMatch<T>(data)) return null;
        try
        {
            return data.ToObject<T>(Serializer) is { } payload && payload.IsValid() ? payload : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Strings must be strings and numbers integers: "12" for a revision is a forged card, not a revision.</summary>
    private static bool TypesMatch<T>(JObject data)
    {
        foreach (var property in typeof(T).GetProperties())
        {
            if (property.IsDefined(typeof(JsonIgnoreAttribute), true)) continue;
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var token = data[name];
            if (token is null || token.Type == JTokenType.Null) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var ok = type == typeof(string) ? token.Type == JTokenType.String
                : type == typeof(int) || type == typeof(long) ? token.Type == JTokenType.Integer
                : type == typeof(bool) ? token.Type == JTokenType.Boolean
                : true;
            if (!ok) return false;
        }
        return true;
    }
}
