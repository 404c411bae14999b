using System.Text.Json;
using System.Text.Json.Serialization;

namespace InvestBot.Ranking;

/// <summary>Stores a period as "2023-03" (its computed neighbours would otherwise recurse).</summary>
public sealed class RankingPeriodJsonConverter : JsonConverter<RankingPeriod>
{
    public override RankingPeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RankingPeriod.TryParse(reader.GetString(), out var p) ? p : throw new JsonException("invalid ranking period");

    public override void Write(Utf8JsonWriter writer, RankingPeriod value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Key);
}
