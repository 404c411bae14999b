using InvestBot.Access;
using Microsoft.Bot.Schema;

namespace InvestBot.Teams;

public static class UserIdentityReader
{
    /// <summary>
    /// The person is their AAD object id, which Teams sends with every user's activity. It is never taken from
    /// <c>from.id</c>: a request without an object id has no identity (<see cref="UserIdentity.IsKnown"/> false) and gets
    /// nothing that depends on who the user is.
    /// </summary>
    public static UserIdentity From(IActivity activity)
    {
        var from = activity.From ?? new ChannelAccount();
        return new UserIdentity(string.IsNullOrWhiteSpace(from.AadObjectId) ? "" : from.AadObjectId.Trim(), from.Name);
    }
}
