using System.Globalization;
using System.Text;
using InvestBot.Common;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Teams.Cards;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace InvestBot.Ranking.Bot;

/// <summary>
/// The 招商引资情况通报 as a leader reads it on a phone: a headline first (the district's year so far against the targets
/// the notice sets, the top three of each category, the biggest climbers, 约谈 at period ends, 已报 m/N), then one compact
/// table per category of the ranked units only (名次, 单位, 得分, 较上月), the 走出去 groups against （二十八）'s targets,
/// and one line each for the units listed apart (未报送, 未设目标, 未达到最低人数). Categories come in the order of the rules file.
/// Teams rejects messages above ~28 KB, so the content is split into several cards when needed, each under <see cref="MaxCardBytes"/>.
/// </summary>
public sealed class RankingAnnouncementCards(MetricCatalog catalog, OfficeClock clock, int maxCardBytes = RankingAnnouncementCards.DefaultMaxCardBytes)
    : IAnnouncementRenderer
{
    /// <summary>Card JSON budget; the activity envelope around it stays well inside Teams' 28 KB.</summary>
    public const int DefaultMaxCardBytes = Card.MaxBytes;

    public int MaxCardBytes { get; } = maxCardBytes;

    public static string Title(Announcement a) =>
        $"{(a.IsCorrection ? "【更正】" : "")}宝坻区招商引资情况通报（{a.Period.Label}）";

    public IReadOnlyList<OutgoingMessage> Render(Announcement announcement, string? downloadUrl = null)
    {
        var cards = Build(announcement, downloadUrl);
        var title = Title(announcement);
        // The first message carries the headline as text too: Teams shows it in the chat list and the notification.
        return cards.Select((c, i) => i == 0
            ? new OutgoingMessage(c.ToString(Formatting.None), Summary(announcement), ShowText: true)
            : new OutgoingMessage(c.ToString(Formatting.None), $"{title}（{i + 1}/{cards.Count}）")).ToList();
    }

    public static int Size(JObject card) => Card.Size(card);

    /// <summary>One line for the chat list and the notification: 已报 m/N, each category's first, how many are summoned.</summary>
    public static string Summary(Announcement a)
    {
        var r = a.Ranking;
        var (reported, total) = r.Reported;
        var parts = new List<string> { $"已报 {reported}/{total}" };
        // How many took part comes before any 第一: "街镇第一" of 1 town out of 24 would mislead.
        parts.AddRange(r.Categories.Where(c => c.RankedUnits.Any()).Select(c => $"{c.Category} {Coverage(c)}" +
            (HasPodium(c) ? $"，第一 {string.Join("、", c.RankedUnits.Where(u => u.Rank == 1).Select(u => u.UnitName))}" : "")));
        if (r.Interview is { } i) parts.Add(i.Summoned.Count == 0 ? "无约谈单位" : $"约谈 {i.Summoned.Count} 个单位");
        return $"{Title(a)}：{string.Join("；", parts)}";
    }

    /// <summary>A category's 前三 and 第一 mean something only when at least this many of its units are ranked.</summary>
    public const int PodiumMinimum = 3;

    private static bool HasPodium(CategoryRanking c) => c.RankedUnits.Count(u => u.Submitted) >= PodiumMinimum;

    private static string Coverage(CategoryRanking c) => $"{c.RankedUnits.Count(u => u.Submitted)}/{c.Units.Count} 参加排名";

    /// <summary>The first ranking of a year (no earlier month compared): no 较上月 column at all, rather than a column of “—” or “持平”.</summary>
    private static bool ComparesWithLastMonth(RankingResult r) => r.Categories.SelectMany(c => c.Units).Any(u => u.PreviousRank is not null);

    public IReadOnlyList<JObject> Build(Announcement announcement, string? downloadUrl = null)
    {
        // interview.publishNames false: the card says how many are summoned, no row or line names them.
        if (!announcement.Ranking.InterviewNamesPublished)
            announcement = announcement with { Ranking = announcement.Ranking with
            {
                Categories = announcement.Ranking.Categories.Select(c => c with { Units = c.Units.Select(u => u with { Interview = false }).ToList() }).ToList(),
            } };
        var headline = Headline(announcement);
        // The headline opens the first card; tables follow in the same card while they fit (one message is best on a phone).
        var blocks = new List<List<JObject>> { headline };
        if (ChartBlock(announcement) is { Count: > 0 } charts) blocks.Add(charts);
        var compare = ComparesWithLastMonth(announcement.Ranking);
        foreach (var category in announcement.Ranking.Categories)
            blocks.AddRange(CategoryBlocks(category, compare));
        if (GroupBlock(announcement.Ranking) is { } groups) blocks.Add(groups);
        blocks.Add(ApartAndNotes(announcement.Ranking));

        var title = Title(announcement);
        var pages = Card.Pages(blocks, MaxCardBytes, (page, count) =>
        {
            var heading = count == 1 ? Card.Title(title) : Card.Title($"{title}（{page}/{count}）");
            if (announcement.IsCorrection) heading["color"] = "Attention";
            return heading;
        }, title);
        // The first card's fallback is the headline line: Teams shows it where the card cannot be drawn.
        pages[0]["fallbackText"] = Summary(announcement);
        // 下载通报表 under the first card: the document of （二十五） with every table, for filing and forwarding.
        if (downloadUrl is not null)
            pages[0]["actions"] = new JArray(new JObject { ["type"] = "Action.OpenUrl", ["title"] = RankingTexts.DownloadBulletin, ["url"] = downloadUrl });
        return pages;
    }

    private List<JObject> Headline(Announcement a)
    {
        var r = a.Ranking;
        var (reported, total) = r.Reported;
        var periodEnd = a.Period.IsInterviewPeriod ? $" · {a.Period.PeriodLabel}末" : "";
        var list = new List<JObject>
        {
            Card.Text($"区合作交流办 · {clock.ToLocal(a.PublishedAt):yyyy年M月d日}发布{periodEnd} · 已报 {reported}/{total}",
                size: "Small", isSubtle: true, spacing: "None"),
            // In plain words what is added up: the year so far, not the month alone.
            Card.Text($"排名看的是今年累计：各单位{a.Period.Year}年1月至{a.Period.Month}月的数据加在一起" +
                (a.Ranking.Coverage is { } coverage && coverage.IndexOf('（') is var open and >= 0 ? coverage[open..] : "") +
                $"，不是{a.Period.Month}月一个月的数据。", size: "Small", isSubtle: true, spacing: "None"),
        };
        if (a.IsCorrection)
            list.Add(Card.Text($"本通报为第 {a.Revision} 次更正，替代此前发布的{a.Period.Label}通报，请以本通报为准。", color: "Attention", weight: "Bolder"));

        if (r.District.Count > 0)
        {
            var labels = string.Join("", r.District.Select(d => RuleSource.Label(d.Source)).Distinct());
            list.Add(Card.Text($"全区累计（对照{labels}全区目标）", weight: "Bolder", spacing: "Medium"));
            list.Add(Card.Facts(r.District.Select(d => (catalog.Find(d.MetricId)?.ShortName ?? d.MetricId,
                $"{Amount(d.MetricId, d.Actual, d.Target)}{(d.AtLeast ? "以上" : "")}（{Percent(d.Completion)}）"))));
            list.AddRange(AttributionLines(r));
        }

        var leaders = r.Categories.Where(c => c.RankedUnits.Any()).ToList();
        if (leaders.Count > 0)
        {
            list.Add(Card.Text("各类前三", weight: "Bolder", spacing: "Medium"));
            list.Add(Card.Facts(leaders.Select(c => (c.Category, HasPodium(c)
                ? $"{string.Join("  ", c.RankedUnits.Where(u => u.Rank <= 3).Select(u => $"{u.Rank}.{u.UnitName}"))}（{Coverage(c)}）"
                : $"{Coverage(c)}，不足 {PodiumMinimum} 个单位，不列前三"))));
        }

        var climbers = r.Categories.SelectMany(c => c.RankedUnits).Where(u => u.RankChange > 0)
            .OrderByDescending(u => u.RankChange).ThenBy(u => u.Rank).Take(3).ToList();
        if (climbers.Count > 0)
            list.Add(Card.Text("进步最快：" + string.Join("、", climbers.Select(u => $"{u.UnitName} ↑{u.RankChange}"))));

        if (r.Interview is { } interview)
        {
            var summoned = r.Interviewed.Select(u => u.UnitName).ToList();
            var text = interview.TooFewRanked
                ? $"{a.Period.PeriodLabel}末：参加排名的单位不足规定比例（{interview.Ranked}/{interview.Eligible}），本期不列约谈单位"
                : interview.Summoned.Count == 0
                    ? $"{a.Period.PeriodLabel}末：无约谈单位"
                    : r.InterviewNamesPublished
                        ? $"⚠ {a.Period.PeriodLabel}末位约谈（{summoned.Count}）：{string.Join("、", summoned)}"
                        : $"⚠ {a.Period.PeriodLabel}末位约谈 {interview.Summoned.Count} 个单位（名单由区合作交流办另行通知，{RuleSource.Office}）";
            if (interview.Undecided.Count > 0)
                text += $"；另有 {interview.Undecided.Count} 个单位并列末位，由区合作交流办另行确定";
            list.Add(Card.Text(text, color: interview.Summoned.Count > 0 ? "Attention" : null, weight: "Bolder"));
        }

        if (r.TargetChecks.Count > 0)
            list.Add(Card.Text(GroupVerdict.Headline(r)));
        return list;
    }

    /// <summary>Bars shown for a large category: its first and last few, so the chart stays readable on a phone and small.</summary>
    public const int ChartEnds = 5;

    /// <summary>District totals drawn as lines against the year's pace.</summary>
    public const int LineMetrics = 2;

    /// <summary>
    /// Pictures first (leaders read figures as pictures): a horizontal bar of the largest category's scores (all of it, or
    /// its top and bottom <see cref="ChartEnds"/>) and a line of the district's completion month by month against the
    /// even pace of the year. Each falls back to a line of text where charts are not drawn.
    /// </summary>
    private List<JObject> ChartBlock(Announcement a)
    {
        var list = new List<JObject>();
        var largest = a.Ranking.Categories.Where(c => c.RankedUnits.Any(u => u.Score is not null))
            .OrderByDescending(c => c.RankedUnits.Count()).FirstOrDefault();
        if (largest is not null)
        {
            var ranked = largest.RankedUnits.Where(u => u.Score is not null).ToList();
            var shown = ranked.Count <= 2 * ChartEnds ? ranked : ranked.Take(ChartEnds).Concat(ranked.TakeLast(ChartEnds)).ToList();
            var title = ranked.Count <= 2 * ChartEnds ? $"{largest.Category}得分" : $"{largest.Category}得分（前{ChartEnds}名和后{ChartEnds}名）";
            // The tables below list every unit, so where charts are not drawn a pointer to them is enough (and keeps one message).
            var fallback = $"{title}见下表。";
            list.Add(Charts.HorizontalBar(title, shown.Select(u => new ChartPoint($"{u.Rank}.{u.UnitName}", u.Score!.Value)),
                Card.Text(fallback, size: "Small", spacing: "Medium"), yAxisTitle: "得分"));
        }
        // The two district totals that weigh most in the scores (内资到位额, 内资项目): more lines would not read on a phone.
        var weight = a.Ranking.Categories.SelectMany(c => c.Weights).GroupBy(w => w.MetricId).ToDictionary(g => g.Key, g => g.Sum(w => w.Weight));
        var district = a.Ranking.District.Where(d => d.Target > 0 && d.ByMonth.Count == a.Period.Month)
            .OrderByDescending(d => weight.GetValueOrDefault(d.MetricId)).Take(LineMetrics).ToList();
        if (district.Count > 0)
        {
            var months = Enumerable.Range(1, a.Period.Month).ToList();
            var series = district.Select(d => new ChartSeries($"{catalog.Find(d.MetricId)?.ShortName ?? d.MetricId}完成率",
                    months.Select(m => ($"{m}月", Math.Round(d.ByMonth[m - 1] / d.Target * 100, 1))).ToList()))
                .Append(new ChartSeries("序时进度", months.Select(m => ($"{m}月", Math.Round(m / 12m * 100, 1))).ToList()))
                .ToList();
            var pace = Percent(a.Period.Month / 12m);
            var fallback = "全区累计完成率：" + string.Join("，", district.Select(d => $"{catalog.Find(d.MetricId)?.ShortName ?? d.MetricId} {Percent(d.Completion)}")) +
                           $"（序时进度 {pace}）";
            list.Add(Charts.Line("全区累计完成率与序时进度（%）", series, Card.Text(fallback, size: "Small"), xAxisTitle: "月份", yAxisTitle: "%"));
        }
        return list;
    }

    private IEnumerable<List<JObject>> CategoryBlocks(CategoryRanking category, bool compare)
    {
        var ranked = category.RankedUnits.ToList();
        var reported = ranked.Where(u => u.Submitted).ToList();
        // Units ranked last for not reporting (tied) are one row, not one row each: 22 rows of “未报送” would bury the table.
        var silent = ranked.Where(u => !u.Submitted).ToList();
        var heading = $"{category.Category}（{Coverage(category)}" + (silent.Count > 0 ? $"，未报送 {silent.Count} 个列本类最后" : "") + "）";
        if (reported.Count == 0)
        {
            yield return
            [
                Card.Heading(heading),
                silent.Count > 0
                    ? Card.Text($"本月没有单位报送。未报送（{silent.Count}）：{string.Join("、", silent.Select(u => u.UnitName))}",
                        color: silent.Any(u => u.Interview) ? "Attention" : "Warning", size: "Small")
                    : Card.Text("本月没有参加排名的单位（见文末未报送、未设目标名单）。", size: "Small", isSubtle: true),
            ];
            yield break;
        }
        // Split the table by rows when one category alone would not fit a card.
        var chunks = new List<List<RankedUnit>>();
        var chunk = new List<RankedUnit>();
        var budget = MaxCardBytes - 1500;
        foreach (var unit in reported)
        {
            chunk.Add(unit);
            if (chunk.Count > 1 && Size(RankTable(chunk, [], compare)) > budget)
            {
                chunk.RemoveAt(chunk.Count - 1);
                chunks.Add(chunk);
                chunk = [unit];
            }
        }
        chunks.Add(chunk);
        for (var i = 0; i < chunks.Count; i++)
            yield return [Card.Heading(i == 0 ? heading : $"{category.Category}（续）"), RankTable(chunks[i], i == chunks.Count - 1 ? silent : [], compare)];
    }

    private static JObject RankTable(IReadOnlyList<RankedUnit> units, IReadOnlyList<RankedUnit> silent, bool compare)
    {
        var rows = new JArray { Row(compare ? ["名次", "单位", "得分", "较上月"] : ["名次", "单位", "得分"], bold: true) };
        foreach (var u in units)
        {
            var score = u.Score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "—";
            string[] cells = compare ? [u.Rank!.Value.ToString(CultureInfo.InvariantCulture), u.UnitName, score, Change(u)]
                : [u.Rank!.Value.ToString(CultureInfo.InvariantCulture), u.UnitName, score];
            var row = Row(cells, bold: false);
            if (u.Interview) row["style"] = "attention";
            rows.Add(row);
        }
        if (silent.Count > 0)
        {
            // Shown here once, as 未报送 (not as a score of 0), and not listed again at the end.
            var rank = silent[0].Rank!.Value.ToString(CultureInfo.InvariantCulture) + (silent.Count > 1 ? "（并列）" : "");
            var names = string.Join("、", silent.Select(u => u.UnitName));
            var row = Row(compare ? [rank, names, "未报送", ""] : [rank, names, "未报送"], bold: false);
            if (silent.Any(u => u.Interview)) row["style"] = "attention";
            rows.Add(row);
        }
        // Widths keep 名次 and a two-digit rank on one line at a phone's width; the unit's name wraps.
        return Table(compare ? [3, 7, 3, 3] : [3, 8, 4], rows);
    }

    /// <summary>（二十八）: each group's year so far against its targets, 达标 / 未达标. Groups are not summoned.</summary>
    private List<JObject>? GroupBlock(RankingResult ranking)
    {
        if (ranking.TargetChecks.Count == 0) return null;
        var metrics = ranking.TargetChecks[0].Metrics.Select(m => m.MetricId).ToList();
        var targets = string.Join("、", ranking.TargetChecks[0].Metrics.Select(m =>
            $"{catalog.Find(m.MetricId)?.ShortName ?? m.MetricId}≥{Amount(m.MetricId, m.Target ?? 0)}"));
        // Three columns: a phone cannot show one column per metric next to a group's name.
        var rows = new JArray { Row(["组别", "完成目标", "结果"], bold: true) };
        foreach (var check in ranking.TargetChecks)
        {
            var progress = string.Join("\n", metrics.Select(id => check.Metrics.FirstOrDefault(m => m.MetricId == id) is { } m
                ? $"{catalog.Find(id)?.ShortName ?? id} {Percent(m.Completion ?? 0)}" : "—"));
            var row = Row([check.UnitName, progress, GroupVerdict.Result(ranking, check)], bold: false);
            if (check.Met) row["style"] = "good";
            rows.Add(row);
        }
        return
        [
            Card.Heading("走出去招商组"),
            Card.Text($"（二十八）每组年度目标：{targets}。{GroupVerdict.Note(ranking)}", size: "Small", isSubtle: true, spacing: "None"),
            Table([5, 5, 3], rows),
        ];
    }

    /// <summary>未报送, 未设目标 and the team minimums, one line each, then how the score and 约谈 were decided.</summary>
    private List<JObject> ApartAndNotes(RankingResult r)
    {
        var list = new List<JObject>();
        // Units already shown in a table as 未报送 (ranked last, or a 走出去 group) are not listed again.
        var missing = r.Categories.SelectMany(c => c.NotSubmitted).Where(u => !u.Ranked).Select(u => u.UnitName).ToList();
        if (missing.Count > 0)
            list.Add(Card.Text($"未报送（{missing.Count}）：{string.Join("、", missing)}", color: "Warning", separator: true));
        var noTarget = r.Categories.SelectMany(c => c.WithoutTargets).Select(u => u.UnitName).ToList();
        if (noTarget.Count > 0)
            list.Add(Card.Text($"未设目标（{noTarget.Count}）：{string.Join("、", noTarget)}", separator: missing.Count == 0));
        if (r.Shortfalls.Count > 0)
        {
            var labels = string.Join("", r.Shortfalls.Select(s => RuleSource.Label(s.Source)).Distinct());
            list.Add(Card.Text($"招商队伍未达到最低人数{labels}：" + string.Join("、", r.Shortfalls.Select(s =>
                $"{s.UnitName} {Number(s.MetricId, s.Actual)}/{Number(s.MetricId, s.Minimum)}{catalog.Find(s.MetricId)?.Unit}"))));
        }

        var notes = new List<string>();
        if (r.CompletionCap > 0)
            notes.Add($"得分为各项指标年度累计完成率（完成值÷年度目标，单项最高按 {Percent(r.CompletionCap)} 计）的加权值");
        var summoned = r.Categories.Where(c => c.Summoned).Select(c => c.Category).ToList();
        if (r.Interview is { } i && summoned.Count > 0)
            notes.Add(i.Scope == InterviewScope.Overall
                ? $"约谈“排名后三位的单位”依（二十七），按{string.Join("、", summoned)}合计取后 {i.Count} 位为{RuleSource.Office}"
                : $"约谈“排名后三位的单位”依（二十七），按{string.Join("、", summoned)}各类分别取后 {i.Count} 位为{RuleSource.Office}");
        notes.Add(r.NotReported == NotReportedRule.Exclude
            ? $"未报送、未设目标的单位不参加排名和约谈（{RuleSource.Office}）"
            : $"未报送的单位排在本类最后、可列入约谈，未设目标的单位不参加排名（{RuleSource.Office}）");
        if (ComparesWithLastMonth(r)) notes.Add("↑↓ 为较上月名次变化");
        list.Add(Card.Text("说明：" + string.Join("；", notes) + "。", size: "Small", isSubtle: true, separator: true));
        return list;
    }

    /// <summary>How the district total was added up, and the 协助引进 figures left out of it (district-targets.json attribution).</summary>
    private IEnumerable<JObject> AttributionLines(RankingResult r)
    {
        if (r.DistrictAttribution is not { } rule) yield break;
        var assisted = r.District.Where(d => d.Assisted > 0)
            .Select(d => $"{catalog.Find(d.MetricId)?.ShortName ?? d.MetricId} {Amount(d.MetricId, d.Assisted)}").ToList();
        yield return Card.Text(rule + (assisted.Count > 0 ? "。协助引进：" + string.Join("、", assisted) : "") + "。",
            size: "Small", isSubtle: true, spacing: "None");
    }

    private static JObject Table(int[] widths, JArray rows) => new()
    {
        ["type"] = "Table",
        ["columns"] = new JArray(widths.Select(w => new JObject { ["width"] = w })),
        ["rows"] = rows,
        ["firstRowAsHeader"] = true,
        ["spacing"] = "Small",
    };

    /// <summary>A table row with as little JSON per cell as the layout allows (default text size, no per-cell styling).</summary>
    private static JObject Row(IReadOnlyList<string> cells, bool bold) => new()
    {
        ["type"] = "TableRow",
        ["cells"] = new JArray(cells.Select(text =>
        {
            var block = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
            if (bold) block["weight"] = "Bolder";
            return new JObject { ["type"] = "TableCell", ["items"] = new JArray(block) };
        })),
    };

    /// <summary>A figure in its metric's unit; 万元 amounts of 1 亿 and more are shown in 亿元, as officials read them.</summary>
    private string Number(string metricId, decimal value)
    {
        var decimals = catalog.Find(metricId)?.Decimals ?? 0;
        return Math.Round(value, decimals).ToString("#,0." + new string('#', Math.Max(decimals, 0)), CultureInfo.InvariantCulture).TrimEnd('.');
    }

    private string Amount(string metricId, decimal value, decimal? target = null)
    {
        var unit = catalog.Find(metricId)?.Unit ?? "";
        if (unit == "万元" && Math.Max(value, target ?? 0) >= 10000)
            return target is { } t ? $"{Yi(value)} / {Yi(t)}亿元" : $"{Yi(value)}亿元";
        return target is { } tt ? $"{Number(metricId, value)} / {Number(metricId, tt)}{unit}" : $"{Number(metricId, value)}{unit}";
    }

    private static string Yi(decimal wan) => (wan / 10000).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Percent(decimal completion) => (completion * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Change(RankedUnit u) => u.RankChange switch
    {
        null => "—",
        0 => "持平",
        > 0 and var up => $"↑{up}",
        var down => $"↓{-down}",
    };
}
