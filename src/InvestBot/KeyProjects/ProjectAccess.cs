using InvestBot.Organization;

namespace InvestBot.KeyProjects;

/// <summary>
/// Who may see and change which unit's projects, decided from the user's role and binding on the server — never from card
/// data. Admins: every unit. Reporters: only the unit they are bound to.
/// </summary>
public static class ProjectAccess
{
    public const string NotBound = "您还没有绑定所在单位。请发送“绑定 单位名称”（例如：绑定 潮阳街道），经管理员审批后即可登记和更新本单位的重点项目。";

    /// <returns>Null when allowed, otherwise the reason in Chinese.</returns>
    public static string? Deny(bool isAdmin, string? boundUnitId, Unit? unit)
    {
        if (unit is null) return "找不到这个单位，请重新发送“我的项目”。";
        if (isAdmin) return null;
        if (boundUnitId is null) return NotBound;
        return boundUnitId == unit.Id ? null : "您只能登记、查看和更新本单位的项目，不能操作其他单位的项目。";
    }
}
