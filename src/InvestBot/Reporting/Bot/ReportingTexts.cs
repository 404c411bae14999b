namespace InvestBot.Reporting.Bot;

/// <summary>What 月度填报 says in messages, in one place for the office to review (card layouts live with their cards).</summary>
public static class ReportingTexts
{
    public const string FormMonthInvalid = "月份不正确，请写成“填报3月数据”或“填报 2023-03”。";
    public const string FormDataInvalid = "表单数据不完整或已失效，数据未保存。请重新发送“填报”获取表单。";
    public const string FormOpenInvalid = "表单数据无效，请重新发送“填报”。";
    public const string CannotHandle = "无法处理。";

    public const string StatusMonthInvalid = "月份不正确，请写成“填报情况 2023-03”。";
    public const string ReopenUsage = "请写明单位和月份，例如：重新开放 潮阳街道 2023-03。";
    public static string ReopenedToReporter(string unit, string month, int monthNumber) =>
        $"区合作交流办已为{unit}重新开放{month}的填报。请发送“填报{monthNumber}月数据”补报。";
    public static string ReportersTold(int told) => $"已通知 {told} 位填报人。";

    public const string ExportMonthInvalid = "月份不正确，请写成“导出 2023-03”。";
    public static string ExportValidUntil(DateTimeOffset expires) => $"下载链接有效至 {expires:M月d日 HH:mm}，请勿转发。";

    public const string BindUsage = "请在“绑定”后写上您的单位，例如：绑定 潮阳街道。";
    public static string UnitNotFound(string text) => $"没有找到单位“{text}”。请使用单位全称或常用简称，例如：绑定 潮阳街道、绑定 商务局。";
    public static string BindingRequested(string unit, bool adminsNotified) =>
        $"已提交绑定“{unit}”的申请，等待区合作交流办管理员审批，审批结果会通知您。" +
        (adminsNotified ? "" : "（管理员暂时无法收到通知，可请管理员发送“绑定列表”处理。）");
    public static string BindingRequestSummary(string? user, string unit) => $"{user} 申请绑定 {unit}";
    public static string NoSuchBinding(string text) => $"没有找到“{text}”的绑定。发送“绑定列表”查看全部，并可在列表中直接解绑。";
    public static string AmbiguousBinding(string text, int count) => $"“{text}”对应 {count} 个绑定，请发送“绑定列表”后点击对应的“解绑”按钮。";
    public const string BindingListSummary = "填报人绑定情况";
    public const string ReporterTold = "已通知本人。";
    public const string ReporterNotTold = "（本人暂时无法收到通知。）";

    public const string TargetUnitUsage = "请写明参与填报的单位，例如：年度目标 潮阳街道 2023。";
    public const string ImportUsage = "请在“导入目标 2023”下一行起粘贴表格（第一行：单位,指标名称…；之后每行一个单位），或随消息附上 .xlsx / .csv 文件。";
    public static string Imported(int units, int year) => $"已导入 {units} 个单位的 {year} 年度目标。发送“目标汇总 {year}”查看与全区目标的对比。";
    public const string ImportRejected = "导入未执行，没有任何目标被修改。请修正后重新导入：\n";
    public static string FileTypeUnsupported(string name) => $"无法导入“{name}”：只支持 .xlsx 或 .csv 文件。没有任何目标被修改。";
    public static string FileDownloadFailed(string name) => $"文件“{name}”下载失败，没有任何目标被修改。请重新发送“导入目标”并附上文件。";
    public static string FileTooLarge(string name) => $"文件“{name}”超过 2 MB，没有任何目标被修改。请只保留目标表后重新发送。";
    public static string FileUnreadable(string name) => $"无法读取文件“{name}”（文件可能已损坏或不是 Excel/CSV 表格），没有任何目标被修改。";
    public const string TargetCardInvalid = "表单数据无效，目标未保存。";
    public const string TargetErrors = "有填写不正确的项目，目标未保存。";
}
