namespace InvestBot.Teams.Cards;

/// <summary>A <see cref="Card.Say"/> button's data: the text the router runs as if the presser typed it.</summary>
public sealed record SayPayload(string Text) : CardPayload
{
    /// <summary>The kernel's own card verb; the router runs the text with the presser's scope and role checks.</summary>
    public const string Verb = "bot.say";

    public const int MaxLength = 300;

    protected override bool IsValid() => !string.IsNullOrWhiteSpace(Text) && Text.Length <= MaxLength;
}
