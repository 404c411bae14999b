using InvestBot.Common;
using Microsoft.Extensions.Options;

namespace InvestBot.Access;

/// <summary>Who the person behind a Teams activity is, as far as the server is concerned.</summary>
/// <param name="Id">The stable key for the person: the AAD object id when Teams sends one.</param>
public sealed record UserIdentity(string Id, string? Name)
{
    /// <summary>Teams named the person by AAD object id; without it nothing about them (roles, unit) can be known.</summary>
    public bool IsKnown => Id.Length > 0;
}

/// <summary>
/// Admins (区合作交流办 staff) come from configuration, by AAD object id. Checked on the server for every
/// admin action; nothing in card data can grant a role.
/// </summary>
public sealed class UserRoles
{
    private readonly HashSet<string> _admins;

    public UserRoles(IOptions<InvestBotOptions> options) =>
        _admins = new(options.Value.Admins.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);

    public bool IsAdmin(UserIdentity user) => user.IsKnown && _admins.Contains(user.Id);

    public IReadOnlyCollection<string> AdminIds => _admins;
}
