using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Infrastructure;

/// <summary>Validates Adaptive Cards against the official 1.5 schema (Teams renders up to 1.5).</summary>
public static class CardSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(RepoPaths.TestData("schemas", "adaptive-card-1.5.schema.json")).GetAwaiter().GetResult());

    public static ICollection<ValidationError> Validate(JToken card) => Schema.Value.Validate(card.ToString());

    public static void AssertValid(JToken card)
    {
        var errors = Validate(card);
        Assert.True(errors.Count == 0,
            "card does not validate against Adaptive Card 1.5:\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")) + "\n" + card);
        Assert.Equal("1.5", card.Value<string>("version"));
        AssertButtonsWorkEverywhere(card);
    }

    /// <summary>
    /// Every button works in Teams and in the Agents Playground: Action.Execute (our verbs, Card.Say) and Action.OpenUrl.
    /// imBack (Action.Submit with msteams data) does nothing in the Playground, so no card may carry one.
    /// </summary>
    public static void AssertButtonsWorkEverywhere(JToken card)
    {
        var kinds = card.SelectTokens("$..type").Select(t => t.ToString()).Where(t => t.StartsWith("Action.", StringComparison.Ordinal) || t == "imBack");
        foreach (var kind in kinds)
            Assert.True(kind is "Action.Execute" or "Action.OpenUrl" or "Action.ToggleVisibility" or "Action.ShowCard",
                $"card has a {kind} button, which does not work in both Teams and the Agents Playground:\n{card}");
    }
}
