using InvestBot.Announcements;
using InvestBot.Teams.Cards;

namespace InvestBot.Ranking.Bot;

/// <summary>What 排名通报 says in messages, in one place for the office to review (card layouts live with their cards).</summary>
public static class RankingTexts
{
    public const string PublicationNotFound = "找不到这次发布，请重新发送命令。";
    public const string PublishButtonInvalid = "这个按钮的数据无效，请重新发送“发布排名 年-月”。";
    public static string AlreadyPublished(RankingPeriod p) => $"{p.Label}的排名已经发布过，本次没有重复发送。如需更正，请发送“更正排名 {p.Key}”。";
    public static string StalePreview(RankingPeriod p) => $"{p.Label}的通报在您预览之后已有新的发布，本次没有发送。请重新发送“更正排名 {p.Key}”预览。";
    public static string InterviewChanged(RankingPeriod p, bool correction) =>
        $"您预览之后有单位报送或修改了数据，{p.Label}的约谈名单已与预览不同，本次没有发送。请重新发送“{(correction ? "更正" : "发布")}排名 {p.Key}”预览后再确认。";
    public static string NothingToCorrectShort(RankingPeriod p) => $"{p.Label}的排名尚未发布，无需更正。";
    public const string NoSubscribersSent = "没有订阅通报的群聊或频道，未发送。请先在群聊或频道中发送“订阅通报”。";

    public static string AskMonth(string verb, string action, string example) => $"请写明要{action}的月份，例如：{verb} {example}";
    public static string BadMonth(string typed, RankingPeriod example) => $"月份“{CardText.Quote(typed)}”不正确，请写成 {example.Key} 或 {example.Month}月。";
    public static string NotYet(RankingPeriod p) => $"{p.Label}还没有结束，不能发布排名。{p.Month % 12 + 1}月1日起可发布（填报截止后发布数据最全）。";
    public static string PublishedAt(RankingPeriod p, DateTimeOffset at) => $"{p.Label}的排名已于 {at:yyyy-MM-dd HH:mm} 发布，不会重复发送。如需更正，请发送“更正排名 {p.Key}”。";
    public static string NothingToCorrect(RankingPeriod p) => $"{p.Label}的排名尚未发布，无需更正。请发送“发布排名 {p.Key}”。";
    public static string NothingChanged(RankingPeriod p, DateTimeOffset lastLocal) =>
        $"自上次发布（{lastLocal:M月d日 HH:mm}）以来，{p.Label}的数据、目标和排名规则都没有变化，更正后的通报与已发布的完全相同，因此不发送更正。" +
        "如需更正，请先修改数据（例如由填报人修改或“期初累计”），再发送“更正排名”。";
    public static string NothingChangedShort(RankingPeriod p) => $"{p.Label}的数据自上次发布以来没有变化，未发送更正。";
    public const string NoSubscribers = "还没有群聊或频道订阅通报。请先在群聊或团队频道中 @InvestBot 发送“订阅通报”。";

    public static string ProgressNoPublishedRanking(int year) => $"{year}年尚未发布排名：与其他单位的比较在排名发布后显示。";
    public static string ProgressByPublishedRanking(string period) =>
        $"按已发布的{period}排名（正式通报）。之后提交或更正的数据，下次发布排名时才计入。";
    public const string ProgressOwnUnitOnly = "只能查看本单位的进度。发送“我单位进度”查看您绑定单位的目标进度。";
    public const string ProgressNameUnit = "请写明单位，例如：我单位进度 潮阳街道。";
    public const string ProgressNotBound = "您还没有绑定单位，无法查看本单位进度。请发送“绑定 单位名称”申请绑定。";
    public static string ProgressNotReporting(string unit) => $"{unit}不参与月度填报，没有目标进度。";

    public const string NothingPublished = "目前还没有发布过排名通报。";
    public const string NotBoundForRank = "您还没有绑定单位，无法查询本单位排名。请联系区合作交流办管理员绑定单位；也可以发送“排名”查看完整排名。";
    public static string NotRanked(RankingPeriod p) => $"您绑定的单位不参加月度排名（{p.Label}通报中没有该单位）。";

    public static string Unsubscribed(string place) => $"已取消订阅：{place}不再接收招商引资情况通报。";
    public static string NotSubscribed(string place) => $"{place}没有订阅通报，无需取消。";
    public static string Subscribed(string place, string? name) => $"已订阅：{place}（{name}）将收到每月招商引资情况通报。发送“取消订阅”可退订。";
    public static string AlreadySubscribed(string place) => $"{place}已订阅通报，无需重复订阅。";
    public const string SubscriptionListSummary = "通报订阅列表";
    public const string RulesSummary = "评分规则（现行）及出处";

    public const string DownloadBulletin = "下载通报表";
    public const string BulletinLinkInvalid = "下载链接无效（链接不完整或已被改动）。请回到 Teams 通报卡片，点击“下载通报表”重新打开。";
    public static string BulletinLinkExpired(string id) =>
        $"下载链接已过期（通报表链接自发布起 90 天内有效）。请联系区合作交流办，由管理员发送“导出通报表 {id[..7]}”获取。";
    public const string BulletinMissing = "找不到这期通报，可能链接有误。请联系区合作交流办。";
    public static string NotPublished(RankingPeriod p) => $"{p.Label}的排名尚未发布，没有通报表。请先发送“发布排名 {p.Key}”。";
    public static string BulletinReady(Announcement a) =>
        $"{(a.IsCorrection ? "【更正】" : "")}{a.Period.Label}招商引资情况通报表（按{(a.IsCorrection ? $"第 {a.Revision} 次更正" : "发布")}时的数据）";
}
