using InvestBot.Organization;

namespace InvestBot.KeyProjects;

/// <summary>
/// Who may see and change which unit's projects, decided from the user's role and binding on the server — never from card
/// data. Admins: every unit. Reporters: only the unit they are bound to.
/// </summary>
public static class ProjectAccess
{
    /// <returns>Null when allowed, otherwise the reason in Chinese.</returns>
    public static string? Deny(bool isAdmin, string? boundUnitId, Unit? unit)
    {
        if (unit is null) return KeyProjectTexts.UnknownUnit;
        if (isAdmin) return null;
        if (boundUnitId is null) return KeyProjectTexts.NotBound;
        return boundUnitId == unit.Id ? null : KeyProjectTexts.OtherUnit;
    }
}
