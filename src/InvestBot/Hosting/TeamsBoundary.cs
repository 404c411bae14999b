using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace InvestBot.Hosting;

/// <summary>
/// Whom the bot believes: activities from Microsoft Teams (channel "msteams") of the office's tenant. Web Chat and
/// Direct Line, which Azure creates with every bot, and other tenants that sideload a manifest with this bot's id are
/// refused before the adapter or any handler sees them.
/// </summary>
public sealed class TeamsBoundary(IReadOnlySet<string> allowedTenants)
{
    public const string TeamsChannel = "msteams";

    /// <summary>Every tenant is allowed (the Development environment with no tenant configured).</summary>
    public bool AnyTenant => allowedTenants.Count == 0;

    /// <returns>Null when the activity may pass, else why not (for the log and the metric's tag).</returns>
    public string? Refusal(IActivity activity)
    {
        if (!string.Equals(activity.ChannelId, TeamsChannel, StringComparison.Ordinal)) return "channel";
        if (AnyTenant) return null;
        var (conversationTenant, channelDataTenant) = TenantsOf(activity);
        // Both places name the tenant in Teams' activities; when both are present they must agree.
        if (conversationTenant is not null && channelDataTenant is not null
            && !string.Equals(conversationTenant, channelDataTenant, StringComparison.OrdinalIgnoreCase)) return "tenant";
        var tenant = conversationTenant ?? channelDataTenant;
        return tenant is not null && allowedTenants.Contains(tenant) ? null : "tenant";
    }

    private static (string? Conversation, string? ChannelData) TenantsOf(IActivity activity)
    {
        var conversation = activity.Conversation?.TenantId is { Length: > 0 } c ? c.Trim() : null;
        var channelData = (activity.ChannelData as JObject)?["tenant"]?["id"] is JValue { Type: JTokenType.String } v
            && ((string?)v)?.Trim() is { Length: > 0 } d ? d : null;
        return (conversation, channelData);
    }

    /// <summary>The tenants to believe: InvestBot:AllowedTenants, else MicrosoftAppTenantId; none only in Development.</summary>
    public static TeamsBoundary From(TrustBoundaryOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        var tenants = options.AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
        if (tenants.Count == 0 && configuration["MicrosoftAppTenantId"] is { Length: > 0 } own && !string.IsNullOrWhiteSpace(own))
            tenants.Add(own.Trim());
        if (tenants.Count == 0 && !environment.IsDevelopment())
            throw new InvalidOperationException(
                "InvestBot:AllowedTenants (or MicrosoftAppTenantId) is empty: outside the Development environment InvestBot believes " +
                "only the office's tenant. Set MicrosoftAppTenantId or InvestBot__AllowedTenants__0 to the office's Azure AD tenant id.");
        return new TeamsBoundary(tenants.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }
}
