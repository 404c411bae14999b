namespace InvestBot.Knowledge.Bot;

/// <summary>What the policy Q&amp;A says outside its answer cards, in one place for the office to review.</summary>
public static class KnowledgeTexts
{
    public static string TooLong(int max) => $"问题太长了（超过{max}个字），请简要描述您想了解的内容，例如“外资企业要引进几家”。";
    public const string FeedbackInvalid = "这条反馈的内容无法识别，没有被记录。请在答案卡片上重新点击 👍 或 👎。";
    public const string FeedbackThanks = "感谢您的反馈！";
    public const string FeedbackWillImprove = "感谢反馈，我们会改进这个回答。您也可以换个说法再问一次，或直接发送条款编号，例如“第22条”。";
    public const string StatisticsSummary = "政策问答统计";

    /// <summary>Under a number from an earlier year's notice: staff asking about 今年 must not take it as this year's.</summary>
    public static string NoticeYearNote(int noticeYear, int currentYear) =>
        $"注意：以上数字是{noticeYear}年通知规定的{noticeYear}年度目标，不是{currentYear}年的；{currentYear}年的目标以新通知或区合作交流办的安排为准。";

    public static string OfNoticeYear(int noticeYear) => $"（{noticeYear}年通知规定）";

    // Whose figure a target is, when asked about as one's own unit (我们镇…几个) or a kind (走出去招商组的目标是多少).
    /// <param name="subject">the unit asked about (潮阳街道), its kind's group word (各街镇), or null (我单位, not bound)</param>
    public static string DistrictWide(string labels, string? subject, string among) =>
        $"{labels}规定的是全区的年度目标，不是{subject ?? "本单位"}的数字：《三十条措施》没有把它分解到{among}。";

    public static string UnitsOwnFigure(string label, string units) => $"这是文件{label}为{units}写明的数字。";

    public static string Quote(string label, string sentence) => $"{label}原文：“{sentence}”";

    public static string EachUnitsTarget(string label, string kindName) => $"这是文件{label}为每个{kindName}规定的年度目标，每个{kindName}各自完成，不是几个组合计。";

    public static string FiguresOnlyFor(IEnumerable<(string Who, string Label)> units) =>
        "文件只为以下单位写明了各自的数字：" + string.Join("；", units.Select(u => $"{u.Who}（{u.Label}）")) + "。";

    public const string OwnProgressCommand = "我单位进度";

    public static string OwnTargetsSetByOffice(string? subject) =>
        $"{subject ?? "本单位"}的年度目标由区合作交流办设定（管理员用“年度目标”录入）；发送“{OwnProgressCommand}”查看本单位的目标和完成情况。";

    public const string SeeOwnProgress = "发送“" + OwnProgressCommand + "”查看本单位的完成情况。";

    public const string OtherDistrictTargets = "全区年度目标还有：";

    // Process questions (几号前报 / 多久通报一次 / 落后了会怎样): the dates are the office's settings, the rules the notice's.
    public const string DeadlineTitle = "每月什么时候填报";
    public static string DeadlineAnswer(int start, int end) => start <= 1
        ? $"每月{end}日前（含{end}日）填报上个月的数据，1日起即可填报。"
        : $"每月{start}日至{end}日填报上个月的数据。";
    public static string DeadlineLock(int end, int reopenDays) =>
        $"{end}日24时后该月锁定；确需补报，请联系区合作交流办“重新开放”（开放{reopenDays}天）。";
    public static string DeadlineReminders(int daysBefore) => $"截止前{daysBefore}天和截止当天，InvestBot 会私信提醒尚未报送单位的填报人。";
    public const string DeadlineSource = "填报日期是区合作交流办在 InvestBot 中的设置，文件未规定具体日期；文件要求按月排位并通报，见下方条款。";

    public const string FrequencyTitle = "多久通报一次";
    public const string FrequencyAnswer = "每月通报一次排名；季度、半年、全年排名后三位的单位主官要被约谈。";
    public static string FrequencyWhen(int end, int? publishDay) => publishDay is { } day
        ? $"上月数据每月{end}日填报截止，{day}日起发布上月排名通报（日期是区合作交流办在 InvestBot 中的设置）。"
        : $"上月数据每月{end}日填报截止，之后由区合作交流办发布上月排名通报（日期是区合作交流办的设置）。";
    public const string FrequencySource = "按月排位通报、季度半年全年约谈是文件的规定，见下方条款。";

    public const string ConsequenceTitle = "排名落后会怎样";
    public const string ConsequenceAnswer = "季度、半年、全年排名后三位的单位，主官要被约谈。";
    public const string ConsequenceMore = "年度考核与绩效挂钩，并与干部选拔使用相结合；年度指标完成较好的单位和表现突出的人员予以表彰奖励。";
    public const string ConsequenceSource = "以上是文件的规定，见下方条款。";

    public const string CorrectionTitle = "填错了怎么改";
    public static string CorrectionAnswer(int end) =>
        $"{end}日（含）前：再次发送“填报”，表单带出已提交的数据，改好后重新提交即可，每一版都留有记录。";
    public static string CorrectionAfterDeadline(int end, int reopenDays) =>
        $"{end}日以后该月已锁定：请联系区合作交流办管理员“重新开放”本单位该月（开放{reopenDays}天），再按上面的方法修改。";
    public const string CorrectionPublished = "该月排名已经发布的，修改后 InvestBot 会提示管理员是否“更正排名”。";
    public const string CorrectionSource = "修改办法是区合作交流办在 InvestBot 中的设置。";
    public const string ProcessNoArticle = "《三十条措施》对此没有规定。";

    public const string ProcessBasis = "文件依据";
    public const string ShowRanking = "查看最新排名";
    public const string OpenForm = "填报本单位数据";
}
