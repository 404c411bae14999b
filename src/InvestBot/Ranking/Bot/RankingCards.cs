using InvestBot.Common;
using InvestBot.Teams.Cards;
using InvestBot.Teams;
using System.Globalization;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Reporting;
using Newtonsoft.Json.Linq;

namespace InvestBot.Ranking.Bot;

/// <summary>The small cards around publishing: the preview's confirm card, progress, one unit's rank, the subscription list.</summary>
public static class RankingCards
{
    public const string ConfirmVerb = "ranking.publish.confirm";
    public const string CancelVerb = "ranking.publish.cancel";
    public const string ProgressVerb = "ranking.publish.progress";

    /// <summary>
    /// The confirm card under the preview: where it goes, who has not reported (and whether they still may), who would be
    /// summoned — by name — and any tie the office has to decide. The button carries the 约谈 list's fingerprint.
    /// </summary>
    public static JObject Confirm(PublishPreview preview, RankingPeriod period)
    {
        var correction = preview.NextRevision > 0;
        var ranking = preview.Ranking;
        var (reported, total) = ranking.Reported;
        var missing = ranking.Categories.SelectMany(c => c.NotSubmitted).Select(u => u.UnitName)
            .Concat(ranking.TargetChecks.Where(c => !c.Submitted).Select(c => c.UnitName)).ToList();
        var noTarget = ranking.Categories.SelectMany(c => c.WithoutTargets).Count();
        var data = new PublishPayload(period.Key, preview.NextRevision, ranking.InterviewKey).ToData();
        var body = new List<JToken?>
        {
            Card.Title(correction ? $"确认发布更正：{period.Label}通报" : $"确认发布：{period.Label}通报"),
            Card.Text("以上为预览，只有您能看到。确认后将按确认时的最新报送数据生成通报，发送到所有订阅的群聊和频道；约谈名单与本卡片不同时不会发送。"),
        };
        if (preview.WindowStillOpen && missing.Count > 0)
            body.Add(Card.Text($"⚠ {period.Label}的填报尚未截止（开放至 {preview.Deadline.Month}月{preview.Deadline.Day}日），" +
                               $"还有 {missing.Count} 个单位未报送：{string.Join("、", missing)}。现在发布，这些单位按未报送处理；建议截止后再发布。",
                color: "Warning", weight: "Bolder"));
        else if (preview.WindowStillOpen)
            body.Add(Card.Text($"{period.Label}的填报尚未截止（开放至 {preview.Deadline.Month}月{preview.Deadline.Day}日），各单位均已报送。", color: "Warning"));

        var facts = new List<(string, string)>
        {
            ("接收会话", $"{preview.Subscribers} 个"),
            ("已报送", $"{reported}/{total} 个单位"),
            ("未设目标", $"{noTarget} 个单位（不参加排名）"),
        };
        if (ranking.Interview is { } interview)
        {
            var names = ranking.Interviewed.Select(u => u.UnitName).ToList();
            facts.Add(("约谈", interview.TooFewRanked
                ? $"0 个单位：约谈对象中参加排名的只有 {interview.Ranked}/{interview.Eligible} 个，不足规定比例，不自动列约谈单位"
                : names.Count == 0 ? "0 个单位" : $"{names.Count} 个单位：{string.Join("、", names)}"));
            if (interview.Undecided.Count > 0)
                facts.Add(("并列待定", $"{interview.Undecided.Count} 个单位并列末位，不自动列入约谈，由区合作交流办确定：" +
                                   string.Join("、", interview.Undecided.Select(id => ranking.Find(id)?.UnitName ?? id))));
        }
        else
            facts.Add(("约谈", $"{period.Label}不是季度、半年或年度末，不列约谈单位"));
        facts.Add(("类型", correction ? $"第 {preview.NextRevision} 次更正（标注“更正”）" : "首次发布"));
        body.Add(Card.Facts(facts));
        return Card.Create(body, [Card.Execute("确认发布", ConfirmVerb, data, style: "positive"), Card.Execute("取消", CancelVerb, data)]);
    }

    public static JObject Cancelled(string periodLabel) =>
        Card.Create([Card.Title("已取消发布"), Card.Text($"{periodLabel}通报未发送到任何会话。")]);

    /// <param name="refreshFor">Teams user id (29:…) of the admin: while unfinished, Teams re-runs 刷新进度 when the card is shown.</param>
    public static JObject Progress(Announcement a, DeliveryProgress p, string? refreshFor = null)
    {
        var state = p.Finished ? "发布完成" : "正在发布";
        var body = new List<JToken?>
        {
            Card.Title($"{state}：{(a.IsCorrection ? "【更正】" : "")}{a.Period.Label}通报"),
            Card.Facts(
            [
                ("已送达", $"{p.Sent}/{p.Total}"),
                ("等待发送", p.Pending.ToString(CultureInfo.InvariantCulture)),
                ("已失效", p.Inactive.ToString(CultureInfo.InvariantCulture)),
                ("失败", p.Failed.ToString(CultureInfo.InvariantCulture)),
            ]),
        };
        if (p.Problems.Count > 0)
            body.Add(Card.Text(string.Join("\n", p.Problems.Take(20).Select(x => "- " + CardText.Literal(x))), color: "Attention", size: "Small"));
        if (!p.Finished) body.Add(Card.Text("全部完成后会私信通知您。", isSubtle: true, size: "Small"));
        var refresh = Card.Execute("刷新进度", ProgressVerb, new ProgressPayload(a.Id).ToData());
        var card = Card.Create(body, [refresh]);
        if (!p.Finished && !string.IsNullOrEmpty(refreshFor))
            card["refresh"] = new JObject { ["action"] = refresh.DeepClone(), ["userIds"] = new JArray(refreshFor) };
        return card;
    }

    public static JObject UnitRank(Announcement a, RankedUnit unit, CategoryRanking category, MetricCatalog catalog)
    {
        var facts = new List<(string, string)>
        {
            ("类别", $"{category.Category}（{category.Units.Count} 个单位）"),
            ("名次", unit.Rank is { } rank
                ? $"第 {rank} 名（{category.RankedUnits.Count()} 个单位参加排名）" + (unit.Submitted ? "" : "，未报送，排在本类最后")
                : unit.Submitted ? "未设年度目标，不参加排名" : "未报送，不参加排名"),
            ("得分", unit.Score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "—"),
            ("较上月", RankingAnnouncementCards.Change(unit)),
        };
        // The key figures only: the snapshot also keeps every weighted metric, for the 通报表.
        foreach (var m in unit.Metrics.Where(m => category.KeyFigures.Contains(m.MetricId)))
        {
            var metric = catalog.Find(m.MetricId);
            var target = m.Target is { } t ? $" / 目标 {t:0.##}" : "";
            var pct = m.Completion is { } c ? $"（{RankingAnnouncementCards.Percent(c)}）" : "";
            facts.Add((metric?.Name ?? m.MetricId, $"{m.Actual:0.##}{metric?.Unit}{target}{pct}"));
        }
        var body = new List<JToken?>
        {
            Card.Title($"{unit.UnitName}：{a.Period.Label}排名"),
            Card.Text($"依据{(a.IsCorrection ? "更正后" : "")}已发布的{RankingAnnouncementCards.Title(a)}", isSubtle: true, size: "Small", spacing: "None"),
            Card.Facts(facts),
        };
        if (unit.Interview)
            body.Add(Card.Text($"⚠ 列入{a.Period.PeriodLabel}末位约谈名单。", color: "Attention", weight: "Bolder"));
        return Card.Create(body, [Card.Say("查看完整排名", "排名")]);
    }

    /// <summary>我单位排名 for a unit checked against the document's targets instead of ranked (走出去招商组, （二十八）).</summary>
    public static JObject UnitCheck(Announcement a, TargetCheck check, MetricCatalog catalog)
    {
        var facts = new List<(string, string)> { ("结果", a.Ranking.YearEnd
            ? (check.Met ? "已达标" : "未达标")
            : $"{GroupVerdict.Result(a.Ranking, check)}（全年进度 {GroupVerdict.Elapsed(a.Ranking)}，全年结束时判定达标）") };
        foreach (var m in check.Metrics)
        {
            var metric = catalog.Find(m.MetricId);
            facts.Add((metric?.Name ?? m.MetricId, $"{m.Actual:0.##} / 目标 {m.Target:0.##}{metric?.Unit}（{RankingAnnouncementCards.Percent(m.Completion ?? 0)}）"));
        }
        return Card.Create(
            [
                Card.Title($"{check.UnitName}：{a.Period.Label}目标完成情况"),
                Card.Text($"依据{(a.IsCorrection ? "更正后" : "")}已发布的{RankingAnnouncementCards.Title(a)}。走出去招商组按（二十八）的年度目标考核；组间不排名、不约谈（{RuleSource.Office}）。",
                    isSubtle: true, size: "Small", spacing: "None"),
                Card.Facts(facts),
            ],
            [Card.Say("查看完整排名", "排名")]);
    }

    public static JObject Subscriptions(IReadOnlyList<Subscription> subscriptions, OfficeClock clock)
    {
        var body = new List<JToken?> { Card.Title($"通报订阅（{subscriptions.Count} 个会话）") };
        if (subscriptions.Count == 0)
            body.Add(Card.Text("还没有会话订阅。请在群聊或团队频道中 @InvestBot 发送“订阅通报”。"));
        else
            body.Add(Card.Facts(subscriptions.Select(s => (CardText.Quote(s.DisplayName),
                (s.Active ? "正常" : $"已失效（{CardText.Literal(s.InactiveReason)}）") + $" · {clock.ToLocal(s.SubscribedAt):yyyy-MM-dd} 订阅"))));
        return Card.Create(body);
    }
}
