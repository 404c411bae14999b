using InvestBot.Teams.Cards;

namespace InvestBot.Reporting.Bot;

/// <summary>What 月度填报 says in messages, in one place for the office to review (card layouts live with their cards).</summary>
public static class ReportingTexts
{
    /// <summary>The form's note on what each figure is.</summary>
    public static string FormBasis(int month, IEnumerable<string> stocks)
    {
        var stock = stocks.ToList();
        return $"各项填{month}月当月新增数（不是年初以来的累计数），年累计由系统自动相加。" +
            (stock.Count > 0 ? $"{string.Join("、", stock)}是时点数，填{month}月末的实有数。" : "");
    }

    public static string FormSoFar(string covers) => $"各项下方为此前的年累计，含：{covers}。";
    public static string ReceiptCovers(string covers) => $"年累计含：{covers}。";

    /// <param name="conversion">already literal: what was typed → the stored number and unit</param>
    public static string ReceiptConversion(string metricName, string conversion) => $"- {metricName}：{conversion}";

    public static string ReceiptConversions(IEnumerable<string> lines) => "换算（按填写内容折算后保存）：\n" + string.Join("\n", lines);

    public static string ChangedAfterPublication(string unit, string? by, ReportingMonth month, int revision) =>
        $"{unit}（{by ?? "填报人"}）{(revision > 1 ? "修改" : "补报")}了{month.Label}数据（第 {revision} 版）。";

    public static string AdminsToldOfChange(bool? told) => told switch
    {
        true => "已通知区合作交流办。",
        false => "未能通知区合作交流办，请直接告知。",
        null => "",
    };

    public static string Reminder(string unit, ReportingMonth month, DateOnly deadline) =>
        $"提醒：{unit}{month.Label}数据尚未提交，截止日期为{deadline.Month}月{deadline.Day}日。";

    public const string RemindInvalid = "按钮数据无效，请重新发送“填报情况”。";
    public static string RemindTooEarly(ReportingMonth month, DateOnly opens) =>
        $"{month.Label}还不能填报（{opens.Month}月{opens.Day}日起可填报），现在催报没有意义。";
    public const string RemindedJustNow = "刚刚已有人对该月一键催报，10 分钟内不重复发送。";
    public static string NothingToRemind(ReportingMonth month, bool closed, int missing, IReadOnlyList<string> withoutReporter) =>
        (missing == 0 ? $"{month.Label}全部单位均已提交，无需催报。"
            : closed ? $"{month.Label}的填报已截止，没有已重新开放且未报送的单位可催报。如需补报，请先“重新开放 单位 {month.Key}”。"
            : $"{month.Label}没有可催报的单位：未报送的单位都没有绑定填报人。") +
        (withoutReporter.Count > 0 ? $"\n无填报人的单位（{withoutReporter.Count}）：{string.Join("、", withoutReporter)}。请先绑定填报人（绑定 单位 @某人）。" : "");

    public const string FormMonthInvalid = "月份不正确，请写成“填报3月数据”或“填报 2023-03”。";
    public const string FormDataInvalid = "表单数据不完整或已失效，数据未保存。请重新发送“填报”获取表单。";
    public const string FormOpenInvalid = "表单数据无效，请重新发送“填报”。";
    public const string CannotHandle = "无法处理。";

    /// <summary>A month number without a year that could be last year's (past) or this year's (not come yet).</summary>
    public static string AskYear(string command, ReportingMonth past, ReportingMonth future) =>
        $"“{past.Month}月”没有写年份：{past.Label}已经过去，{future.Label}尚未到来。请写明年份，例如：{command} {past.Key}。";

    public const string StatusMonthInvalid = "月份不正确，请写成“填报情况 2023-03”。";
    public const string ReopenUsage = "请写明单位和月份，例如：重新开放 潮阳街道 2023-03；为所有未报送的单位一次开放：重新开放 全部 2023-03。";
    public static string ReopenedToReporter(string unit, string month, int monthNumber) =>
        $"区合作交流办已为{unit}重新开放{month}的填报。请发送“填报{monthNumber}月数据”补报。";
    /// <summary>Only what happened: who was told, who could not be reached (and that a unit without reporters has nobody to tell).</summary>
    public static string ReportersTold(int told, IReadOnlyList<string> notTold) =>
        (told > 0 ? $"已通知 {told} 位填报人。" : "") +
        (notTold.Count > 0 ? $"未能通知 {string.Join("、", notTold)}（还没有与 InvestBot 私聊过，或 Teams 拒收），请另行告知。" : "") +
        (told == 0 && notTold.Count == 0 ? "该单位没有绑定填报人，没有通知任何人。" : "");

    public const string ExportMonthInvalid = "月份不正确，请写成“导出 2023-03”。";

    public const string BindUsage = "请在“绑定”后写上您的单位，例如：绑定 潮阳街道。";
    public const string BindHowTo = "绑定填报单位：发送“绑定 单位名称”（例如：绑定 潮阳街道），申请会发给区合作交流办管理员，在 Teams 中审批；" +
        "审批结果会通知您，之后发送“填报”即可填写本单位的月度数据。（这是区合作交流办的办理方式，《三十条措施》对此没有规定。）";
    public static string UnitNotFound(string typed) => $"没有找到单位“{CardText.Quote(typed)}”。请使用单位全称或常用简称，例如：绑定 潮阳街道、绑定 商务局。";
    public static string BindingRequested(string unit, bool adminsNotified) =>
        $"已提交绑定“{unit}”的申请，等待区合作交流办管理员审批，审批结果会通知您。" +
        (adminsNotified ? "" : "（管理员暂时无法收到通知，可请管理员发送“绑定列表”处理。）");
    public static string BindingRequestUpdated(string unit) =>
        $"您已有一条待审批的绑定申请，已更新为绑定“{unit}”。管理员审批时以最新的单位为准，无需重复申请；审批结果会通知您。";
    public static string BindingRequestSummary(string? user, string unit) => $"{user} 申请绑定 {unit}";
    public static string NoSuchBinding(string typed) => $"没有找到“{CardText.Quote(typed)}”的绑定。发送“绑定列表”查看全部，并可在列表中直接解绑。";
    public static string AmbiguousBinding(string typed, int count) => $"“{CardText.Quote(typed)}”对应 {count} 个绑定，请发送“绑定列表”后点击对应的“解绑”按钮。";
    public const string BindingListSummary = "填报人绑定情况";
    public const string NameNotYetKnown = "（尚未在 Teams 中与 InvestBot 见过面，姓名待其首次发言后显示）";
    public const string MentionUnresolved = "无法从 Teams 确认被 @ 的人，未绑定。请在此人所在的群聊中 @ 他，或改用“导入填报人”。";
    public const string RosterUsage = "请随“导入填报人”附上 .xlsx / .csv 文件（或在下一行起粘贴表格），每行：单位, 姓名, 邮箱/UPN；" +
        "人数不多时也可直接写在命令后，每人之间用分号隔开，例如：导入填报人 潮阳街道,李明,liming@baodi.gov.cn；宝平街道,张华,zhanghua@baodi.gov.cn。" +
        "名单上已在 Teams 中见过的人立即绑定，其余的人首次与 InvestBot 对话或出现在 InvestBot 所在的群聊时自动绑定。";
    public const string RosterRejected = "名单未导入，没有任何绑定被修改。";
    public static string RosterSummary(RosterImportResult r) =>
        $"已绑定 {r.Bound.Count} 人，待首次出现 {r.Pending.Count} 人，无法识别 {r.Unknown.Count} 行";
    public const string ReporterTold = "已通知本人。";
    public const string ReporterNotTold = "（本人暂时无法收到通知。）";

    public const string TargetUnitUsage = "请写明参与填报的单位，例如：年度目标 潮阳街道 2023。";
    public const string ImportUsage = "请在“导入目标 2023”下一行起粘贴表格（第一行：单位,指标名称…；之后每行一个单位），或随消息附上 .xlsx / .csv 文件。";
    public static string Imported(int units, int year) => $"已导入 {units} 个单位的 {year} 年度目标。发送“目标汇总 {year}”查看与全区目标的对比。";
    public const string ImportRejected = "导入未执行，没有任何目标被修改。请修正后重新导入：\n";
    public const string OpeningUsage = "请写明单位和年份，例如：期初累计 潮阳街道 2026。";
    public const string OpeningCardInvalid = "表单数据无效，期初累计未保存。请重新发送“期初累计 单位 年份”。";
    public const string OpeningExplained =
        "填写开始使用 InvestBot 之前的数据：1月至所选月份的累计数。所选月份及之前的月份不再逐月填报；之后各月仍按“当月新增”填报，" +
        "年累计 = 期初累计 + 之后各月。专业招商队伍人数是时点数，取最近一次填报值，不需要期初累计。金额可写 8亿、8000万 或 80,000，按各项单位换算。";
    public static string OpeningSavedNext(int throughMonth) => throughMonth >= 12
        ? "全年数据均已按期初累计录入。"
        : $"{throughMonth + 1}月起按“当月新增”逐月填报，年累计、回执、排名和导出都会加上期初累计。";
    public const string OpeningCleared = "已清除期初累计：该单位各月重新按“当月新增”逐月填报，年累计只含逐月填报的数据。";

    /// <summary>Published rankings a change alters: they are not updated by themselves.</summary>
    public static string RankingsToCorrect(IReadOnlyList<ReportingMonth> months) =>
        $"注意：{string.Join("、", months.Select(m => m.Label))}的排名已经发布，这次修改改变了其中的年累计，已发布的通报不会自动更新。" +
        $"如需更正，请管理员发送 {string.Join(" ", months.Select(m => $"“更正排名 {m.Key}”"))}。";

    public const string TargetHint =
        "只填要设置或修改的项目；留空的项目保持原值（原来没有目标的仍不设目标）。金额可写 8亿、8000万 或 80,000，保存时按各项单位换算并显示换算结果。";

    public static string ImportConversions(IReadOnlyList<string> conversions) => conversions.Count == 0 ? "" :
        "\n换算：\n" + string.Join("\n", conversions.Take(30).Select(c => "• " + c)) + (conversions.Count > 30 ? $"\n……共 {conversions.Count} 项" : "");

    /// <summary>Where 目标汇总's district totals come from: the notice's year, named, also when it is not the year asked for.</summary>
    public static string TargetSumSource(int year, IReadOnlyCollection<int> noticeYears)
    {
        if (noticeYears.Contains(year)) return $"各单位{year}年目标合计，与{year}年《三十条措施》规定的{year}年全区目标对比。";
        var latest = noticeYears.Count == 0 ? (int?)null : noticeYears.Max();
        return latest is { } y
            ? $"各单位{year}年目标合计。全区目标出自{y}年《三十条措施》，该文件只规定了{y}年的全区目标，没有规定{year}年的，故不作对比。"
            : $"各单位{year}年目标合计（没有文件规定的全区目标可对比）。";
    }

    /// <summary>File names are the sender's words: quoted literally, at most this long.</summary>
    private const int FileNameLength = 80;
    public static string FileTypeUnsupported(string name) => $"无法导入“{CardText.Quote(name, FileNameLength)}”：只支持 .xlsx 或 .csv 文件。没有任何目标被修改。";
    public static string FileDownloadFailed(string name) => $"文件“{CardText.Quote(name, FileNameLength)}”下载失败，没有任何目标被修改。请重新发送“导入目标”并附上文件。";
    public static string FileTooLarge(string name) => $"文件“{CardText.Quote(name, FileNameLength)}”超过 2 MB，没有任何目标被修改。请只保留目标表后重新发送。";
    public static string FileHostRefused(string name) =>
        $"文件“{CardText.Quote(name, FileNameLength)}”的下载地址不是本单位 Teams（SharePoint/OneDrive）的 https 地址，为安全起见没有下载，没有任何目标被修改。请在 Teams 中直接附上文件后重新发送“导入目标”。";
    public static string FileOverLimits(string name, string limit) => $"无法导入“{CardText.Quote(name, FileNameLength)}”：{limit}没有任何目标被修改。请只保留目标表（一张工作表）后重新发送。";
    public static string FileUnreadable(string name) => $"无法读取文件“{CardText.Quote(name, FileNameLength)}”（文件可能已损坏或不是 Excel/CSV 表格），没有任何目标被修改。";
    public const string TargetCardInvalid = "表单数据无效，目标未保存。";
    public const string TargetErrors = "有填写不正确的项目，目标未保存。";
}
