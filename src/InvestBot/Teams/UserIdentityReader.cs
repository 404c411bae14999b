using InvestBot.Access;
using Microsoft.Bot.Schema;

namespace InvestBot.Teams;

public static class UserIdentityReader
{
    /// <summary>Teams always sends the AAD object id; other channels (curl, tests) fall back to the channel user id.</summary>
    public static UserIdentity From(IActivity activity)
    {
        var from = activity.From ?? new ChannelAccount();
        var id = !string.IsNullOrWhiteSpace(from.AadObjectId) ? from.AadObjectId : from.Id ?? "";
        return new UserIdentity(id, from.Name);
    }
}
