namespace InvestBot.Conversations;

/// <summary>
/// A proactive message into one person's 1:1 chat with the bot, found in the installation store.
/// Business code (ranking notices) sees only this; Teams code also sends cards through <c>Teams.PersonalMessenger</c>.
/// </summary>
public interface IPersonalMessenger
{
    /// <summary>False when the person never talked to the bot (no personal chat known) or Teams refused the message.</summary>
    Task<bool> SendTextAsync(string aadObjectId, string text, CancellationToken ct);
}
