using InvestBot.Teams.Cards;
using InvestBot.Teams;
using System.Globalization;
using System.Text;
using InvestBot.Ranking;
using InvestBot.Ranking.Delivery;
using InvestBot.Reporting;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace InvestBot.Ranking.Bot;

/// <summary>
/// The 招商引资情况通报 as Adaptive Cards: one table per ranking category (rank, unit, key figures with % of target,
/// score, change since last month), the 约谈 units highlighted at period ends, the 未报送 units listed.
/// Teams rejects messages above ~28 KB, so the content is split into several cards, each under <see cref="MaxCardBytes"/>.
/// </summary>
public sealed class RankingAnnouncementCards : IAnnouncementRenderer
{
    /// <summary>Card JSON budget; the activity envelope around it stays well inside Teams' 28 KB.</summary>
    public const int DefaultMaxCardBytes = 24 * 1024;

    private readonly MetricCatalog _catalog;

    public RankingAnnouncementCards(MetricCatalog catalog, int maxCardBytes = DefaultMaxCardBytes)
    {
        _catalog = catalog;
        MaxCardBytes = maxCardBytes;
    }

    public int MaxCardBytes { get; }

    public static string Title(Announcement a) =>
        $"{(a.IsCorrection ? "【更正】" : "")}宝坻区招商引资情况通报（{a.Period.Label}）";

    public IReadOnlyList<OutgoingMessage> Render(Announcement announcement)
    {
        var cards = Build(announcement);
        var title = Title(announcement);
        return cards.Select((c, i) => new OutgoingMessage(c.ToString(Formatting.None), cards.Count == 1 ? title : $"{title}（{i + 1}/{cards.Count}）")).ToList();
    }

    public static int Size(JObject card) => Card.Size(card);

    public IReadOnlyList<JObject> Build(Announcement announcement)
    {
        var blocks = new List<List<JObject>> { Intro(announcement) };
        foreach (var category in announcement.Ranking.Categories)
            blocks.AddRange(CategoryBlocks(announcement.Ranking, category));
        blocks.Add([Card.Text("说明：得分为各项指标年度累计完成率（完成值÷年度目标，单项最高按 150% 计）的加权值；括号内为完成目标的百分比；↑↓ 为较上月名次变化。", size: "Small", isSubtle: true, separator: true)]);

        var title = Title(announcement);
        return Card.Pages(blocks, MaxCardBytes, (page, pages) =>
        {
            var heading = pages == 1 ? Card.Title(title) : Card.Title($"{title}（{page}/{pages}）");
            if (announcement.IsCorrection) heading["color"] = "Attention";
            return heading;
        }, title);
    }

    private static List<JObject> Intro(Announcement a)
    {
        var kind = a.Period.IsInterviewPeriod ? $"，{a.Period.PeriodLabel}末" : "";
        var list = new List<JObject>
        {
            Card.Text($"区合作交流办 · {a.PublishedAt.ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日}发布 · 按{a.Ranking.Coverage ?? $"{a.Period.Year}年1—{a.Period.Month}月"}累计完成情况分类排名{kind}", size: "Small", isSubtle: true, spacing: "None"),
        };
        if (a.IsCorrection)
            list.Add(Card.Text($"本通报为第 {a.Revision} 次更正，替代此前发布的{a.Period.Label}通报，请以本通报为准。", color: "Attention", weight: "Bolder"));
        return list;
    }

    private IEnumerable<List<JObject>> CategoryBlocks(RankingResult ranking, CategoryRanking category)
    {
        var units = category.Units.ToList();
        var header = HeaderRow(category);
        var notes = Notes(ranking, category);
        // Split the table by rows when one category alone would not fit a card.
        var chunks = new List<List<RankedUnit>>();
        var chunk = new List<RankedUnit>();
        var budget = MaxCardBytes - 1500 - notes.Sum(n => Size(n));
        foreach (var unit in units)
        {
            chunk.Add(unit);
            if (chunk.Count > 1 && Size(Table(header, chunk, category)) > budget)
            {
                chunk.RemoveAt(chunk.Count - 1);
                chunks.Add(chunk);
                chunk = [unit];
            }
        }
        chunks.Add(chunk);
        for (var i = 0; i < chunks.Count; i++)
        {
            var title = i == 0 ? $"{category.Category}（{units.Count} 个单位）" : $"{category.Category}（续）";
            var block = new List<JObject> { Card.Heading(title), Table(header, chunks[i], category) };
            if (i == chunks.Count - 1) block.AddRange(notes);
            yield return block;
        }
    }

    private List<string> HeaderRow(CategoryRanking category)
    {
        var cells = new List<string> { "排名", "单位" };
        foreach (var id in category.KeyFigures)
            cells.Add(_catalog.Find(id) is { } m ? $"{ShortName(m.Name)}（{m.Unit}）" : id);
        cells.Add("得分");
        cells.Add("较上月");
        return cells;
    }

    private static string ShortName(string name)
    {
        var cut = name.IndexOf('（');
        return cut > 0 ? name[..cut] : name;
    }

    private JObject Table(List<string> header, IReadOnlyList<RankedUnit> units, CategoryRanking category)
    {
        var columns = new JArray(header.Select((_, i) => new JObject { ["width"] = i switch { 0 => 1, 1 => 3, _ when i < header.Count - 2 => 3, _ => 2 } }));
        var rows = new JArray { Row(header, bold: true) };
        foreach (var u in units)
        {
            var cells = new List<string> { u.Submitted ? u.Rank.ToString(CultureInfo.InvariantCulture) : "未报送", u.UnitName };
            cells.AddRange(category.KeyFigures.Select(id => u.Submitted ? Figure(u.Metric(id)) : "—"));
            cells.Add(u.Score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : u.Submitted ? "无目标" : "—");
            cells.Add(Change(u));
            var row = Row(cells, bold: false);
            if (u.Interview) row["style"] = "attention";
            else if (!u.Submitted) row["style"] = "warning";
            rows.Add(row);
        }
        return new JObject
        {
            ["type"] = "Table",
            ["columns"] = columns,
            ["rows"] = rows,
            ["firstRowAsHeader"] = true,
            ["spacing"] = "Small",
        };
    }

    private static JObject Row(IEnumerable<string> cells, bool bold) => new()
    {
        ["type"] = "TableRow",
        ["cells"] = new JArray(cells.Select(text =>
        {
            var block = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true, ["size"] = "Small" };
            if (bold) block["weight"] = "Bolder";
            return new JObject { ["type"] = "TableCell", ["items"] = new JArray(block) };
        })),
    };

    private string Figure(MetricProgress? m)
    {
        if (m is null) return "—";
        var decimals = _catalog.Find(m.MetricId)?.Decimals ?? 0;
        var value = Math.Round(m.Actual, decimals).ToString("#,0." + new string('#', Math.Max(decimals, 0)), CultureInfo.InvariantCulture).TrimEnd('.');
        return m.Completion is { } c ? $"{value}（{Percent(c)}）" : value;
    }

    public static string Percent(decimal completion) => (completion * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Change(RankedUnit u) => u.RankChange switch
    {
        null => "—",
        0 => "持平",
        > 0 and var up => $"↑{up}",
        var down => $"↓{-down}",
    };

    private List<JObject> Notes(RankingResult ranking, CategoryRanking category)
    {
        var notes = new List<JObject>();
        var interviewed = category.Interviewed.ToList();
        if (interviewed.Count > 0)
            notes.Add(Card.Text($"⚠ {ranking.Period.PeriodLabel}末位约谈（{interviewed.Count}）：{string.Join("、", interviewed.Select(u => u.UnitName))}",
                color: "Attention", weight: "Bolder"));
        var missing = category.NotSubmitted.ToList();
        if (missing.Count > 0)
            notes.Add(Card.Text($"未报送（{missing.Count}）：{string.Join("、", missing.Select(u => u.UnitName))}", color: "Warning"));
        var checks = ranking.TargetChecks.Where(t => category.Units.Any(u => u.UnitId == t.UnitId)).ToList();
        if (checks.Count > 0)
        {
            var targets = string.Join("、", checks[0].Metrics.Select(m => $"{_catalog.Find(m.MetricId)?.Name ?? m.MetricId}≥{m.Target:0.##}{_catalog.Find(m.MetricId)?.Unit}"));
            var met = checks.Where(c => c.Met).Select(c => c.UnitName).ToList();
            var notMet = checks.Where(c => !c.Met).Select(c => c.UnitName).ToList();
            notes.Add(Card.Text($"年度目标（{targets}）：已达标 {(met.Count == 0 ? "无" : string.Join("、", met))}；尚未达标 {(notMet.Count == 0 ? "无" : string.Join("、", notMet))}",
                size: "Small"));
        }
        return notes;
    }
}
