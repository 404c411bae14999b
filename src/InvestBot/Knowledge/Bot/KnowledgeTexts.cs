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
}
