using System.Globalization;
using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace InvestBot.Ranking.Bot;

/// <summary>One rule as the 评分规则 card states it: what it is, what is in force, and its source.</summary>
public sealed record RuleLine(string Rule, string Value, string Source);

/// <summary>评分规则 (admins, personal chat): every ranking and reporting rule in force, each with its article or 区合作交流办设定.</summary>
public sealed class ScoringRulesCommand(RankingRulesCard card) : ICommandHandler
{
    public Task HandleAsync(CommandRequest request, CancellationToken ct) =>
        request.SendAsync(Card.ToActivity(card.Build(), RankingTexts.RulesSummary), ct);
}

/// <summary>Reads the rules from the data files (and the schedule from the settings), never from fixed text.</summary>
public sealed class RankingRulesCard(RankingRules rules, UnitRequirements requirements, DistrictTargets district, UnitDirectory units,
    MetricCatalog catalog, IOptions<RankingOptions> options)
{
    public IReadOnlyList<(string Section, IReadOnlyList<RuleLine> Lines)> Sections()
    {
        var ranking = new List<RuleLine>();
        foreach (var c in rules.Categories)
            ranking.Add(new($"{c.Name}", (c.Ranked ? "按月排名" : "不排名") + "；" + (c.Summoned ? "属约谈对象" : "不约谈"), c.Source));
        foreach (var c in rules.Categories.Where(c => c.Ranked))
            ranking.Add(new($"{c.Name}得分权重", string.Join("、", c.Weights.Select(w => $"{Name(w.Key)}{w.Value:0.##}")), c.WeightsSource ?? RuleSource.Office));
        // Who is not in the ranking at all: the units that do not report (units.json, with the article or the office's reason),
        // then the units the office exempts by name.
        foreach (var group in units.Units.Where(u => !u.Reports).GroupBy(u => u.ReportsSource ?? RuleSource.Office))
            ranking.Add(new("不填报、不排名、不约谈", string.Join("、", group.Select(u => u.Name)), group.Key));
        foreach (var r in rules.UnitRules)
            ranking.Add(new(string.Join("、", r.Units.Select(id => units.FindById(id)?.Name ?? id)),
                (r.Ranked ? "参加排名" : "照常填报，不参加排名") + "；" + (r.Summoned ? "可列入约谈" : "不约谈"), r.Source));
        ranking.Add(new("单项完成率上限", RankingAnnouncementCards.Percent(rules.CompletionCap.Value), rules.CompletionCap.Source));
        ranking.Add(new("未报送的单位", rules.NotReported.Value == NotReportedRule.Exclude
            ? "不参加排名和约谈，单列一行"
            : "排在本类最后（彼此并列），标“未报送”，可列入约谈", rules.NotReported.Source));
        ranking.Add(new("未设目标的单位", "不参加排名和约谈，单列一行", rules.NoTargetSource));

        var i = rules.Interview;
        var summoned = string.Join("、", rules.Categories.Where(c => c.Summoned).Select(c => c.Name));
        var interview = new List<RuleLine>
        {
            new("约谈时点", "3月（第一季度）、6月（上半年）、9月（第三季度）、12月（全年）的通报", i.PeriodsSource),
            new("排序依据", "年度累计完成率加权得分", i.BasisSource),
            new("约谈人数", $"{i.Count.Value} 个单位" + (i.Scope.Value == InterviewScope.PerCategory ? "（每类）" : ""), i.Count.Source),
            new("计算范围", i.Scope.Value == InterviewScope.Overall ? $"{summoned}合计" : $"{summoned}各类分别计算", i.Scope.Source),
            new("人数上限", $"不超过参加排名单位的 {RankingAnnouncementCards.Percent(i.MaxShare.Value)}", i.MaxShare.Source),
            new("自动列出的条件", $"约谈对象中参加排名的单位不少于 {RankingAnnouncementCards.Percent(i.MinRankedShare.Value)}", i.MinRankedShare.Source),
            new("末位并列", "超过约谈人数时不自动列入，由区合作交流办确定", i.TiesSource),
            new("通报中的约谈名单", i.PublishNames.Value ? "通报列出约谈单位名称" : "通报只写约谈单位数，名单只在确认卡片上", i.PublishNames.Source),
        };

        var targets = requirements.AnnualTargets.Select(r => new RuleLine($"{r.Subject(units)}{(r.Year is { } y ? $"（{y}年）" : "（每年）")}",
            $"{Name(r.MetricId)}{(r.AtLeast ? "不少于" : "")} {Format(r.Value)}{Unit(r.MetricId)}" +
            (r.Checked ? "，逐项核对达标" : "，未录入年度目标时作为默认目标"), r.Source)).ToList();
        targets.AddRange(requirements.Minimums.Select(r => new RuleLine(r.Subject(units),
            $"{NameFor(r.MetricId, r.Kind ?? units.FindById(r.UnitId)?.Kind)}不少于 {Format(r.Value)}{Unit(r.MetricId)}", r.Source)));
        targets.AddRange(district.Years.Order().SelectMany(y => district.For(y).Select(d => new RuleLine($"全区目标（{y}年）",
            $"{Name(d.MetricId)} {Format(d.Value)}{Unit(d.MetricId)}{(d.AtLeast ? "以上" : "")}", d.Source))));

        // The readings behind the forms and the totals: each is the article's or the office's, and says which.
        var reporting = new List<RuleLine>();
        if (district.Attribution.CountedKinds.Count > 0)
            reporting.Add(new("全区累计的归属", "只加" + string.Join("、", district.Attribution.CountedKinds.Select(k => units.Kinds.FirstOrDefault(x => x.Id == k)?.Name ?? k)) +
                "的数字；其他单位的数字为协助引进，另列不相加", district.Attribution.Source));
        foreach (var m in catalog.Metrics.Where(m => m.ReportedBySource is not null))
            reporting.Add(new(m.Name, m.ReportedBy.Count == 0 ? "不在各单位填报表上，不计分"
                : "由" + string.Join("、", m.ReportedBy.Select(k => units.Kinds.FirstOrDefault(x => x.Id == k)?.Name ?? k)) + "填报", m.ReportedBySource!));
        foreach (var m in catalog.Metrics.Where(m => m.PartOf is not null))
            reporting.Add(new(m.Name, $"是“{Name(m.PartOf!)}”的一部分，不能大于它", m.PartOfSource ?? RuleSource.Office));
        foreach (var m in catalog.Metrics.Where(m => m.KindNames.Count > 0))
            reporting.Add(new(m.Name, string.Join("；", m.KindNames.GroupBy(p => p.Value).Select(g =>
                string.Join("、", g.Select(p => units.Kinds.FirstOrDefault(x => x.Id == p.Key)?.Name ?? p.Key)) + "填“" + g.Key + "”")), m.KindNamesSource ?? RuleSource.Office));

        var o = options.Value;
        var publishing = new List<RuleLine>
        {
            new("自动发布", !o.ScheduleEnabled || string.IsNullOrWhiteSpace(o.PublishSchedule) ? "未启用"
                : $"按计划（{o.PublishSchedule}）" + (o.ScheduleMode == ScheduleMode.Preview ? "把上月通报预览发给管理员确认" : "直接发布上月通报（填报未截止时改为发预览）"),
                $"{RuleSource.Office}（appsettings：InvestBot:Ranking:ScheduleMode、PublishSchedule）"),
            new("月份", "当月结束前不能发布；填报截止前发布时确认卡片提示未报送单位", $"{RuleSource.Office}：（二十五）按月排位，当月数据次月填报"),
        };
        return [("排名", ranking), ("约谈 · （二十七）", interview), ("文件规定的单位目标和要求", targets), ("填报与统计", reporting), ("发布", publishing)];
    }

    public JObject Build()
    {
        var body = new List<JToken?>
        {
            Card.Title("评分规则（现行）"),
            Card.Text("出处以条款序号开头的，是《三十条措施》的规定；“区合作交流办设定”为文件未规定、由区合作交流办决定的做法，" +
                      "需要调整时请联系负责 InvestBot 的信息化人员（修改方法见运维文档 docs/ranking.md）。",
                size: "Small", isSubtle: true, spacing: "None"),
        };
        foreach (var (section, lines) in Sections())
        {
            body.Add(Card.Heading(section));
            foreach (var line in lines)
            {
                body.Add(Card.Text($"**{line.Rule}**：{line.Value}", spacing: "Small"));
                body.Add(Card.Text($"出处：{line.Source}", size: "Small", isSubtle: true, spacing: "None"));
            }
        }
        return Card.Create(body, fallbackText: RankingTexts.RulesSummary);
    }

    private string Name(string metricId) => catalog.Find(metricId)?.Name ?? metricId;

    /// <summary>The name a kind sees (（七）行业招商队伍 for 区直部门, （八）专业招商队伍 for 载体单位 and 街镇).</summary>
    private string NameFor(string metricId, string? kind) =>
        kind is not null && catalog.Find(metricId)?.KindNames.TryGetValue(kind, out var name) == true ? name! : Name(metricId);
    private string Unit(string metricId) => catalog.Find(metricId)?.Unit ?? "";
    private static string Format(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
