namespace InvestBot.Hosting;

/// <summary>
/// What /api/messages lets in (keys under "InvestBot"; see docs/security.md). Bound once; the boundary never reads raw
/// configuration.
/// </summary>
public sealed class TrustBoundaryOptions
{
    /// <summary>Azure AD tenants whose Teams activities are believed (InvestBot:AllowedTenants). Empty: the bot's own
    /// tenant (MicrosoftAppTenantId); empty as well: any tenant, which only the Development environment accepts.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>Largest request body /api/messages reads (InvestBot:MaxRequestKilobytes); Teams' activities are a few KB.</summary>
    public int MaxRequestKilobytes { get; set; } = 256;

    /// <summary>Turns per user (InvestBot:RateLimit:…): a token bucket of <see cref="TurnRateLimit.Burst"/> refilled at
    /// <see cref="TurnRateLimit.PerMinute"/>. A person typing or pressing buttons never reaches it; a script does.</summary>
    public TurnRateLimit RateLimit { get; set; } = new();

    public int MaxRequestBytes => MaxRequestKilobytes * 1024;
}

public sealed class TurnRateLimit
{
    public int PerMinute { get; set; } = 60;

    public int Burst { get; set; } = 40;
}
