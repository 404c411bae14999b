using InvestBot.Organization;

namespace InvestBot.Reporting;

/// <summary>May this person open or submit this unit's form for this month? Late = after the deadline.</summary>
public sealed record SubmissionDecision(bool Allowed, bool Late, string? Reason)
{
    public static SubmissionDecision Allow(bool late) => new(true, late, null);
    public static SubmissionDecision Deny(string reason) => new(false, false, reason);
}

/// <summary>
/// The permission and window rules for figures, decided on the server from who the user is and what is
/// stored — never from what a card claims.
/// </summary>
public static class SubmissionPolicy
{
    /// <param name="boundUnitId">The unit the user is bound to (null: none).</param>
    /// <param name="opens">The first day the month may be reported (named when it has not ended or not opened yet).</param>
    /// <param name="reopened">An admin reopened this unit's month and the reopening has not expired.</param>
    /// <param name="opening">The unit's 期初累计 of the month's year: the months inside it are not reported month by month.</param>
    public static SubmissionDecision Decide(bool isAdmin, string? boundUnitId, Unit? unit, ReportingMonth month,
        WindowState state, DateOnly opens, DateOnly deadline, bool reopened, OpeningBalance? opening = null)
    {
        if (unit is null)
            return SubmissionDecision.Deny("找不到这个单位，请重新发送“填报”获取表单。");
        if (!unit.Reports)
            return SubmissionDecision.Deny(unit.NotReportingMessage);
        if (!isAdmin)
        {
            if (boundUnitId is null)
                return SubmissionDecision.Deny(FigureFormService.NotBoundMessage);
            if (boundUnitId != unit.Id)
                return SubmissionDecision.Deny("您只能为自己绑定的单位填报，不能替其他单位填报。");
        }
        if (opening is not null && opening.Covers(month))
            return SubmissionDecision.Deny(
                $"{unit.Name}{month.Year}年{opening.MonthsLabel}的数据已由区合作交流办按期初累计录入，不再逐月填报。如需修改，请联系区合作交流办（期初累计 {unit.Name} {month.Year}）。");
        return state switch
        {
            WindowState.NotFinished => SubmissionDecision.Deny(NotFinished(month, opens)),
            WindowState.NotYetOpen => SubmissionDecision.Deny($"{month.Label}的填报尚未开始，{opens.Month}月{opens.Day}日起可填报。"),
            WindowState.Open => SubmissionDecision.Allow(late: false),
            _ when reopened || isAdmin => SubmissionDecision.Allow(late: true),
            _ => SubmissionDecision.Deny(
                $"{month.Label}的填报已于{deadline.Month}月{deadline.Day}日截止并锁定。如需补报，请联系区合作交流办为本单位重新开放。"),
        };
    }

    /// <summary>"2026年11月尚未结束，12月1日起可填报。"</summary>
    public static string NotFinished(ReportingMonth month, DateOnly opens) => $"{month.Label}尚未结束，{opens.Month}月{opens.Day}日起可填报。";
}
