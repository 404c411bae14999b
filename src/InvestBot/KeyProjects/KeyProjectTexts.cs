using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>
/// What the project ledger (（二十六）) says to people — the rules' messages and the Teams replies — in one place for the office to review.
/// Card layouts keep their short labels next to the layout.
/// </summary>
public static class KeyProjectTexts
{
    // Who may do what.
    public const string NotBound = "您还没有绑定所在单位。请发送“绑定 单位名称”（例如：绑定 潮阳街道），经管理员审批后即可登记和更新本单位的项目。";
    public const string OtherUnit = "您只能登记、查看和更新本单位的项目，不能操作其他单位的项目。";
    public const string UnknownUnit = "找不到这个单位，请重新发送“我的项目”。";
    public const string AdminNamesUnit = "请写明单位，例如：登记项目 潮阳街道。";
    public const string OverviewAdminOnly = "只有区合作交流办管理员和督查用户可以查看全区项目台账；查看本单位项目请发送“我的项目”。";
    /// <summary>To a read-only 督查 user who tries to register, edit, update or mark a project (区合作交流办设定).</summary>
    public const string SupervisorReadsOnly = "督查用户只能查看项目台账，不能登记、修改、更新进展或认定。";
    public const string MarkAdminOnly = "只有区合作交流办管理员可以认定重点、重大项目。";
    public const string FindingAdminOnly = "只有区合作交流办管理员和督查用户可以记录上级和本级检查发现的问题。";

    // Forms.
    public const string StaleForm = "表单数据不完整或已失效，未保存。请重新发送“我的项目”。";
    public const string ProjectNotFound = "找不到这个项目，请重新发送“我的项目”。";
    public const string ButtonInvalid = "这个按钮的数据无效，未修改。请重新打开项目。";
    public const string FixAndResubmitRegistration = "有填写不正确的项目，请按提示修改后重新提交（尚未登记）。";
    public const string FixAndResubmit = "有填写不正确的项目，请按提示修改后重新提交（尚未保存）。";
    public const string FixAndResubmitProgress = "有填写不正确的项目，请按提示修改后重新提交（进展尚未保存）。";
    public const string NotRegistered = "项目未登记。";
    public const string NotSaved = "尚未保存。";
    public const string NotSavedSuffix = "未保存。";
    public const string ProgressNotSavedSuffix = "进展未保存。";
    public const string DuplicateName = "本单位已登记同名项目，请在“我的项目”中更新该项目，或换一个名称";
    public const string DuplicateNameOnEdit = "本单位已有同名项目，请换一个名称";
    public const string KindLocked = "已有月度进展，不能再更改内资/外资（两者的计量单位不同）";
    public static string TotalBelowArrived(decimal arrived, string unit) => $"不能小于已累计到位的 {ProjectValidator.Format(arrived)} {unit}";
    public static string Registered(string name) => $"已登记：{name}（待认定）。管理员认定为重大项目后将纳入季度通报（（二十六）“每季度通报重大招商项目推进情况”）；请每月更新进展。";
    public const string RegisteredTwice = "这是重复提交，项目只登记了一次。";
    public static string Edited(string name) => $"已保存对“{name}”的修改。";
    public const string EditedTwice = "这是重复提交，修改只保存了一次。";
    public static string ChangedMeanwhile(string? by) => $"在您修改期间，{by ?? "有人"}已更新了这个项目，您的修改尚未保存。请核对后再次提交。";
    public static string ProgressSaved(string name, ReportingMonth month) => $"已保存“{name}”{month.Label}的进展。";
    public const string ProgressTwice = "这是重复提交，进展只保存了一次。";
    public static string ProgressChangedMeanwhile(string? by) => $"在您填写期间，{by ?? "有人"}已更新了这个项目（见下方当前状态），您的进展尚未保存。请核对后再次提交。";
    public static string ProgressAlreadySaved(ReportingMonth month, string? by) => $"{month.Label}进展已由{by ?? "填报人"}提交，可修改后重新提交。";
    public static string WrongMonth(ReportingMonth now, ReportingMonth form) => $"现在填报的是{now.Label}的项目进展，这张表单（{form.Label}）已过期，未保存。请重新发送“我的项目”。";
    public static string Marked(string name, string level) => $"已将“{name}”认定为{level}项目。";
    public static string Unmarked(string name) => $"已取消“{name}”的认定。";
    public static string MarkedTwice(string name, string level) => $"“{name}”已是{level}项目，没有重复修改。";
    public const string MarkChangedMeanwhile = "这个项目在您打开后已被修改，本次认定未保存。请核对下方最新信息后再操作。";

    public static string FindingRecorded(string source, ReportingMonth month) => $"已记录{source}发现的问题（列入{month.Label}检查）。";
    public const string FindingTwice = "这是重复提交，问题只记录了一次。";

    // 整改 of a finding (区合作交流办设定: （二十六） asks only that findings be reported).
    public const string FindingStateAdminOnly = "只有区合作交流办管理员和督查用户可以标记检查发现的问题已整改或重新打开。";
    public const string FindingNotFound = "找不到这条检查发现的问题，未修改。请重新打开项目。";
    public const string Open = "未整改";
    public const string RectificationBasis = "“已整改”标记为区合作交流办设定：（二十六）只要求及时通报检查发现的问题，没有规定整改跟踪。";
    public const string Closed = "已整改";
    public static string Rectified(string source) => $"已将这条{source}发现的问题标记为已整改。";
    public static string Reopened(string source) => $"已重新打开这条{source}发现的问题（改为未整改）。";
    public static string AlreadyRectified(string? by, DateOnly day) => $"这条问题已由{by ?? "他人"}于{Day(day)}标记为已整改，本次未修改。请核对下方最新状态。";
    public const string AlreadyOpen = "这条问题已是未整改（已被重新打开），本次未修改。请核对下方最新状态。";
    public static string FindingChangedMeanwhile(string? by) => $"这条问题的整改状态在您打开后已被{by ?? "他人"}修改，本次未修改。请核对下方最新状态后再操作。";
    /// <summary>“已整改（4月5日 王主任确认：已补办施工许可）”; <paramref name="note"/> comes escaped for cards, plain for documents.</summary>
    public static string RectifiedState(DateOnly day, string? by, string note) =>
        $"{Closed}（{Day(day)} {by ?? "管理员"}确认{(note.Length > 0 ? "：" + note : "")}）";
    /// <summary>After a finding of an earlier month that is still open, in the monthly check.</summary>
    public static string CarriedFinding(ReportingMonth recorded) => $"（{recorded.Label}记录，仍未整改）";
    public static string RectifiedCount(int n) => $"另有 {n} 条已标记为已整改，不再列出（整改标记为区合作交流办设定），见项目卡片和督查报告。";
    public static string MoreFindings(int more, int open) => $"另有 {more} 条检查发现的问题未列出（其中未整改 {open} 条），见导出的台账和督查报告。";

    // Dates and deadlines: a deadline that has passed is said as past.
    public static string Day(DateOnly d) => $"{d.Month}月{d.Day}日";

    /// <summary>The deadline of the month's update as a fact: “12月5日” while open, “12月5日（已过）” after.</summary>
    public static string DeadlineFact(DateOnly deadline, DateOnly today) => today > deadline ? $"{Day(deadline)}（已过）" : Day(deadline);

    /// <summary>我的项目's first line: how many projects, how many still to update for the month, and by when — or since when overdue.</summary>
    public static string MineSummary(int projects, ReportingMonth month, int missing, DateOnly deadline, DateOnly today) =>
        missing == 0 ? $"共 {projects} 个项目；{month.Label}进展均已更新（或已投产无需更新）。"
        : today > deadline ? $"共 {projects} 个项目；{month.Label}进展有 {missing} 个逾期未更新（已于{Day(deadline)}截止），请尽快补报，将记为逾期更新。"
        : $"共 {projects} 个项目；{month.Label}进展待更新 {missing} 个，请在{Day(deadline)}前更新。";

    public static string LateUpdate(ReportingMonth month, DateOnly deadline) => $"{month.Label}进展已于{Day(deadline)}截止，此次提交将记为逾期更新。";

    public static string DateConflict(string stage, string what, DateOnly date) =>
        $"⚠ 阶段为“{stage}”，但{what}日期 {date:yyyy-MM-dd} 还没有到：请核对项目阶段，或修改{what}日期。";

    /// <summary>The project card's 最近一次进展 when no update so far showed progress: the registration, not a month of progress.</summary>
    public static string NoProgressSince(ReportingMonth registered) => $"尚无（{registered.Label}登记，此后没有阶段推进或投资到位）";

    // Commands.
    public const string MonthInvalid = "月份不正确，请写成 2023-03 或 3月。";
    public static string QuarterInvalid(string command, ReportQuarter example) => $"季度不正确，请写成“{command} {example.Key}”或“{command} {example.Year}年第{"一二三四"[example.Quarter - 1]}季度”。";
    public static string QuarterNotEnded(ReportQuarter q) => $"{q.Label}还没有结束，不能通报。";
    public static string ReportPublishedAt(ReportQuarter q, DateTimeOffset at) => $"{q.Label}重大招商项目推进情况通报已于 {at:yyyy-MM-dd HH:mm} 发布，不会重复发送。";
    public static string ReportAlreadyPublished(ReportQuarter q) => $"{q.Label}的通报已经发布过，本次没有重复发送。";
    public static string ReportEmpty(ReportQuarter q) =>
        $"截至{q.Label}末，台账中没有重大招商项目，通报只会是一张全为“—”的表，因此不发布。请先登记重大项目（登记项目），或确认季度是否正确。";
    public static string ReportNothingToCorrect(ReportQuarter q) => $"{q.Label}重大招商项目推进情况通报尚未发布，无需更正。请发送“发布项目通报 {q.Key}”。";
    public static string ReportUnchanged(ReportQuarter q) =>
        $"自上次发布以来，{q.Label}重大项目的台账没有变化，更正后的通报与已发布的完全相同，因此不发送更正。";
    public static string ReportStale(ReportQuarter q) => $"{q.Label}重大项目通报在您预览后已有新的发布，请重新发送“更正项目通报 {q.Key}”查看最新预览。";
    // The published report's Word document (下载通报), and its links.
    public const string DownloadReport = "下载通报（Word）";
    public const string CorrectionMark = "【更正】";
    public static string ReportCorrectionNote(string quarterLabel, int revision) =>
        $"本通报为第 {revision} 次更正，替代此前发布的{quarterLabel}重大招商项目推进情况通报，请以本通报为准。";
    public const string ReportLinkInvalid = "下载链接无效（链接不完整或已被改动）。请回到 Teams 通报卡片，点击“下载通报（Word）”重新打开。";
    public static string ReportLinkExpired(string quarterKey, int days) =>
        $"下载链接已过期（通报链接自发布起 {days} 天内有效）。请联系区合作交流办，由管理员发送“发布项目通报 {quarterKey}”获取新的下载链接。";
    public const string ReportMissing = "找不到这期重大招商项目推进情况通报，可能链接有误。请联系区合作交流办。";
    public static string ReportDownloadReady(string title) => $"{title}（Word，按发布时的内容）";

    public const string NoSubscribers = "还没有群聊或频道订阅通报。请先在群聊或团队频道中 @InvestBot 发送“订阅通报”。";
    public const string NoSubscribersSent = "没有订阅通报的群聊或频道，未发送。请先在群聊或频道中发送“订阅通报”。";
    public static string Opened(string command) => $"已发送“{command}”的结果。";
    public static string OpenedBelow(string project) => $"已在新消息中打开“{project}”，台账保留在上方。";

    // Long lists: what a card leaves out is counted and said, with where to find it.
    public static string MineMore(int more) => $"另有 {more} 个项目未列出，请联系区合作交流办导出台账。";
    public static string QuotedProblems(int length) => $"每条最多显示 {length} 个字，全文见项目卡片（查看项目）和导出的台账。";
    private static string Elsewhere(bool filtered) => filtered ? "见导出的台账" : "见导出的台账，或发送“重点项目 单位名称”按单位查看";
    public static string MoreListed(int more, bool filtered) => $"另有 {more} 条未列出，{Elsewhere(filtered)}。";
    public static string MoreProjects(int more, bool filtered) => $"另有 {more} 个项目未列出，{Elsewhere(filtered)}。";
    public static string PickerPartial(int shown, int total, bool filtered) =>
        $"列表中为前 {shown} 个项目（共 {total} 个，停滞在前）；其他项目请{(filtered ? "在导出的台账中查找" : "发送“重点项目 单位名称”按单位查看")}。";

    // Reminders.
    public static string Reminder(string unit, int missing, ReportingMonth month, DateOnly deadline, DateOnly today) => today > deadline
        ? $"提醒：{unit}有 {missing} 个项目的{month.Label}进展逾期未更新（已于{Day(deadline)}截止），请尽快补报。"
        : $"提醒：{unit}有 {missing} 个项目尚未更新{month.Label}进展，请在{Day(deadline)}前更新。";
}
