using InvestBot.Teams.Cards;
using InvestBot.Access;
using InvestBot.Teams;
using Microsoft.Bot.Builder;

namespace InvestBot.Reporting.Bot;

/// <summary>
/// A reporter changed figures of a month whose ranking (or a later month's) is already published: the admins are told
/// in their personal chat that 更正排名 is needed, and the receipt says whether they were told.
/// </summary>
public sealed class ChangeAfterPublication(UserRoles roles, PersonalMessenger messenger)
{
    public async Task<FormOutcome> NotifyAsync(FormOutcome outcome, UserIdentity submitter, CancellationToken ct)
    {
        if (outcome is not FormOutcome.Receipt { Value: { Repeated: false, PublishedRankings.Count: > 0 } receipt }) return outcome;
        if (roles.IsAdmin(submitter)) return outcome; // the admin reads the same notice on the receipt
        var text = ReportingTexts.ChangedAfterPublication(receipt.Unit.Name, submitter.Name is { } name ? CardText.Literal(name) : null, receipt.Saved.Month, receipt.Saved.Revision) +
            ReportingTexts.RankingsToCorrect(receipt.PublishedRankings);
        var told = 0;
        foreach (var admin in roles.AdminIds)
            if (await messenger.SendToUserAsync(admin, MessageFactory.Text(text), ct)) told++;
        return new FormOutcome.Receipt(receipt with { AdminsNotified = told > 0 });
    }
}
