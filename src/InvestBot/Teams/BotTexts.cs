using InvestBot.Teams.Cards;

namespace InvestBot.Teams;

/// <summary>The kernel's user-facing text: the router's one wording for scope and role, help and welcome.</summary>
public static class BotTexts
{
    public const string AdminTitle = "管理员命令";

    public static string AdminOnly(string command) => $"只有区合作交流办管理员可以使用“{command}”。";

    /// <summary>For a card button only admins may press (a button has no command word to name).</summary>
    public const string AdminOnlyAction = "只有区合作交流办管理员可以进行此操作。";

    /// <summary>To a 督查 user: the role reads (区合作交流办设定), it never changes anything.</summary>
    public static string SupervisorReadOnly(string command) =>
        $"督查用户只能查看（填报情况、重点项目、督查报告和导出），不能使用“{command}”；需要修改请联系区合作交流办管理员。";

    public const string SupervisorTitle = "督查（只读）";

    public static string SupervisorCommands(IEnumerable<string> names) =>
        "您是督查用户（区合作交流办设定），可以查看、下载：" + string.Join(" / ", names) + "（可带月份或季度，如 填报情况 2023-03、督查报告 2023Q1）；不能审批、发布或修改。";

    public const string SupervisorReadOnlyAction = "督查用户只能查看，不能进行此操作（审批、发布、修改等由区合作交流办管理员办理）。未作任何修改。";

    public static string WrongScope(string command, string where) => $"“{command}”只能在{where}中使用，请在{where}中发送“{command}”。";

    public const string UnknownUser = "无法确认您的 Teams 身份（消息中没有 Azure AD 用户标识），InvestBot 不能处理这条消息。请在本单位的 Microsoft Teams 中使用。";
    public const string UnknownButton = "这个按钮已失效或无法识别，请重新发送命令获取最新的卡片。";

    public static string LinkValidUntil(DateTimeOffset expires) => $"下载链接有效至 {expires:M月d日 HH:mm}，请勿转发。";
    public const string DownloadExcel = "下载 Excel";

    /// <summary>Under a pressed Card.Say button: what it sent (the answer follows as a new message).</summary>
    public static string ButtonSent(string text) => $"已发送：{text}";

    /// <summary>
    /// What a failed turn may tell the user: only what is known about its writes (see <see cref="Storage.StorageTurn"/>).
    /// The reference matches the log line.
    /// </summary>
    public static string Failed(Storage.TurnWrites writes, bool storageFailed, string reference) => (writes, storageFailed) switch
    {
        (Storage.TurnWrites.Committed, _) => $"已保存，但回复失败。请稍后发送“我的填报”等命令查看结果，无需重复提交。（编号 {reference}）",
        (Storage.TurnWrites.Unknown, _) => $"数据服务没有及时响应，无法确认是否已保存。请稍后发送“我的填报”等命令查看；如未保存，请重新提交。（编号 {reference}）",
        (_, true) => $"数据服务暂时没有响应，本次操作尚未保存任何内容，请稍后再试。（编号 {reference}）",
        _ => $"抱歉，处理时出错了，尚未保存任何内容，请稍后再试。（编号 {reference}）",
    };

    public const string HelpSummary = "InvestBot 使用帮助";
    public const string HelpTitle = "InvestBot 使用帮助";
    public const string HelpFallback = "InvestBot 使用帮助：发送“帮助”查看可用命令。";
    public const string MentionHint = "在群聊或频道中使用时，请先 @InvestBot。";
    public static string NotUnderstood(string typed) => $"抱歉，我没有理解“{CardText.Quote(typed)}”。您可以这样问我：";

    public const string WelcomeSummary = "欢迎使用 InvestBot";
    public const string WelcomeTitle = "您好，我是宝坻区招商引资助手 InvestBot";
    public const string WelcomeIntro = "我可以解答《关于进一步推动招商引资工作高质量发展的三十条措施》的相关问题，收集各单位每月招商数据，并发布招商引资排名通报。";
    public const string WelcomePersonal = "直接在这里给我发消息即可。";
    public const string WelcomeShared = "在群聊或频道里请先 @我，再输入问题或命令。";
    public const string WelcomeFallback = "您好，我是宝坻区招商引资助手 InvestBot。发送“帮助”查看我能做什么。";
    public const string ShowHelp = "查看帮助";

    /// <summary>The group's note after a private command: the answer went to the asker's personal chat.</summary>
    public static string SentPrivately(string? name) => $"已私信发送给 {name ?? "您"}（含单位数据，只在私聊中显示）。";

    public static string PrivateNotDelivered(string command) =>
        $"“{command}”的内容只在私聊中发送，但私信没有送达。请先打开与 InvestBot 的私聊，发一句话，再发送“{command}”。";

    /// <summary>Group help and welcome cards: what they leave out and where it works.</summary>
    public static string PrivateCommandsHint(IEnumerable<string> titles) =>
        $"{string.Join("、", titles)}涉及单位数据，只在私聊中回复：在群里发送，我会私信给您。";

    /// <summary>A typo of a command word (填表, 排民): the command it most likely meant.</summary>
    public static string DidYouMeanCommand(string command) => $"您是不是想用“{command}”？";

    public static string DidYouMeanHint(string examples) => $"用法：{examples}";

    public static string UseCommand(string command) => $"使用“{command}”";
}
