using InvestBot.Common;

namespace InvestBot.Ranking.Bot;

/// <summary>
/// How the 走出去 groups' results are worded. （二十八）'s targets are annual (“每组每年…”), so 达标 / 未达标 is said only of the
/// full year (the December ranking); before that a group's year so far is shown against the year with the share of the year
/// elapsed, and a group that already reached its targets is 已完成 — a fact, not a verdict.
/// </summary>
public static class GroupVerdict
{
    public static string Result(RankingResult r, TargetCheck check) =>
        r.YearEnd ? (check.Met ? "达标" : "未达标") : (check.Met ? "已完成" : "进行中");

    /// <summary>The headline line: x/6 达标 at the year end, otherwise how many have completed and how much of the year has passed.</summary>
    public static string Headline(RankingResult r) => r.YearEnd
        ? $"走出去招商组达标 {r.TargetChecks.Count(c => c.Met)}/{r.TargetChecks.Count} · （二十八）年度目标"
        : $"走出去招商组 · （二十八）年度目标：已完成 {r.TargetChecks.Count(c => c.Met)}/{r.TargetChecks.Count}，全年进度 {Elapsed(r)}（全年结束时判定达标）";

    /// <summary>Under the groups' table: what the percentages are measured against, and that groups are not ranked (an office setting).</summary>
    public static string Note(RankingResult r) =>
        (r.YearEnd ? "按年度目标判定达标。" : $"截至{r.Period.Month}月的完成比例，全年进度 {Elapsed(r)}；12月通报判定是否达标。") +
        $"组间不排名、不约谈（{RuleSource.Office}）。";

    public static string Elapsed(RankingResult r) => RankingAnnouncementCards.Percent(r.YearElapsed);
}
