using System.Globalization;
using System.Text.RegularExpressions;
using InvestBot.Access;
using InvestBot.Organization;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Teams;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.Ranking.Bot;

/// <summary>
/// 我单位进度 (reporters; admins may name a unit): per metric the target, the year so far and the completion, and what it
/// takes to reach the next rank by the year's last published ranking. Other units appear only as published: their
/// figures not yet published are never shown or hinted at. Always answered privately.
/// </summary>
public sealed partial class UnitProgressCommand(IUnitBindingStore bindings, UnitDirectory units, UserRoles roles, UnitYearReader years,
    MetricCatalog catalog, ReportingWindow window, RankingService ranking, RankingRules rules, RankingAnnouncementStore announcements) : ICommandHandler
{
    /// <summary>A unit name and filler words only: 我单位进度怎么样 is ours, 我单位进度慢怎么办 is a question.</summary>
    public bool Accepts(string args)
    {
        var left = args;
        foreach (var unit in units.FindMentions(args))
            foreach (var name in unit.Aliases.Prepend(unit.Name).OrderByDescending(n => n.Length))
                left = left.Replace(name, " ");
        return Filler().Replace(left, "").Length == 0;
    }

    public async Task HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var named = units.FindMentions(request.Args).FirstOrDefault();
        var bound = await bindings.GetAsync(request.User.Id, ct) is { } b ? units.FindById(b.UnitId) : null;
        var isAdmin = roles.IsAdmin(request.User);
        if (named is not null && named.Id != bound?.Id && !isAdmin)
        {
            await request.SendTextAsync(RankingTexts.ProgressOwnUnitOnly, ct);
            return;
        }
        if ((named ?? bound) is not { } unit)
        {
            await request.SendTextAsync(isAdmin ? RankingTexts.ProgressNameUnit : RankingTexts.ProgressNotBound, ct);
            return;
        }
        var metrics = catalog.ForKind(unit.Kind);
        if (!unit.Reports || metrics.Count == 0)
        {
            await request.SendTextAsync(RankingTexts.ProgressNotReporting(unit.Name), ct);
            return;
        }
        var upTo = window.DefaultMonth;
        var year = await years.LoadAsync(unit, upTo.Year, ct);
        var month = year.LatestMonth(upTo);
        var published = await announcements.LatestAsync(ct) is { } a && a.Period.Year == upTo.Year ? a.Ranking : null;
        // The live ranking is computed only for the unit's own row (its metrics behind the steps); nothing else of it is used.
        var advice = published is null ? null
            : NextRankAdvice.ForPublished(published, (await ranking.ComputeAsync(published.Period, ct)).Find(unit.Id), unit.Id, rules, catalog);
        var card = UnitProgressCard.Build(unit, upTo.Year, month, year.ProgressAt(metrics, month ?? upTo),
            month is { } at ? year.CoveredAt(at) : null, advice, published?.Period, catalog);
        await request.SendAsync(Card.ToActivity(card, $"{unit.Name}：{upTo.Year}年目标进度"), ct);
    }

    [GeneratedRegex(@"[\s的怎么样如何查看查询一下看看吧了呢？?。！!]+")]
    private static partial Regex Filler();
}

/// <summary>The 我单位进度 card.</summary>
public static class UnitProgressCard
{
    public static JObject Build(Unit unit, int year, ReportingMonth? month, IReadOnlyList<MetricYearProgress> progress, string? covers,
        NextRankAdvice? advice, RankingPeriod? published, MetricCatalog catalog)
    {
        var body = new List<JToken?>
        {
            Card.Title($"{unit.Name}：{year}年目标进度"),
            Card.Text(month is { } m ? $"截至{m.Label}。年累计含：{covers}。" : $"{year}年还没有填报数据（也没有期初累计）。", isSubtle: true, size: "Small", spacing: "None"),
        };
        // Completion per metric as bars where the client draws charts (a line of text where not); every figure follows below.
        var withTarget = progress.Where(p => p.PercentOfTarget is not null).ToList();
        if (withTarget.Count > 0)
            body.Add(Charts.HorizontalBar("各项指标完成率（%）", withTarget.Select(p => new ChartPoint(p.Metric.ShortName, p.PercentOfTarget!.Value)),
                Card.Text("完成率：" + string.Join("，", withTarget.Select(p => $"{p.Metric.ShortName} {p.PercentOfTarget:0.#}%")), size: "Small"),
                yAxisTitle: "完成率 %"));
        body.Add(Card.Facts(progress.Select(p => (p.Metric.Name, Describe(p)))));
        if (published is null)
            body.Add(Card.Text(RankingTexts.ProgressNoPublishedRanking(year), isSubtle: true, size: "Small"));
        if (advice is not null)
        {
            body.Add(Card.Heading("排名测算"));
            body.Add(Card.Text(RankingTexts.ProgressByPublishedRanking(published!.Value.Label), isSubtle: true, size: "Small", spacing: "None"));
            body.Add(Card.Text(Standing(advice)));
            if (advice.Above is { } above && advice.Gap is { } gap)
            {
                body.Add(Card.Text($"距第 {above.Rank} 名（{above.UnitName}，{Score(above.Score)} 分）差 {gap.ToString("0.00", CultureInfo.InvariantCulture)} 分。"));
                if (advice.Steps.Count > 0)
                    body.Add(Card.Text("年累计再增加以下任意一项，即可超过：\n" + string.Join("\n", advice.Steps.Select(s =>
                        $"- {catalog.Find(s.MetricId)?.Name ?? s.MetricId} +{FigureFormService.Format(s.Increase)} {catalog.Find(s.MetricId)?.Unit}"))));
            }
            if (advice.Reason is not null) body.Add(Card.Text(advice.Reason, isSubtle: advice.Above is null));
        }
        return Card.Create(body, fallbackText: $"{unit.Name}：{year}年目标进度");
    }

    private static string Standing(NextRankAdvice a) => a.Unit.Score is { } s
        ? $"{a.Category}第 {a.Unit.Rank} 名（共 {a.Units} 个单位），得分 {Score(s)}。"
        : $"{a.Category}（共 {a.Units} 个单位）：暂未计分。";

    private static string Score(decimal? score) => score?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

    private static string Describe(MetricYearProgress p)
    {
        var u = p.Metric.Unit;
        var ytd = $"{(p.Metric.Cumulative ? "年累计" : "最新（时点数）")} {FigureFormService.Format(p.YearToDate)} {u}";
        return p.Target is { } t
            ? $"{ytd} / 目标 {FigureFormService.Format(t)} {u}" + (p.PercentOfTarget is { } pct ? $"，完成 {pct:0.#}%" : "")
            : $"{ytd}（未设目标）";
    }
}
