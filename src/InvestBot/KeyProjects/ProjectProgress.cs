using InvestBot.Reporting;

namespace InvestBot.KeyProjects;

/// <summary>
/// What counts as progress, and when a project is stalled. Progress in a month: the stage advanced, or investment
/// arrived. Stalled: not in the final stage, and no progress for <see cref="KeyProjectRules.StalledMonths"/> months in a
/// row up to the month checked (an office setting; the registration month counts as progress).
/// </summary>
public static class ProjectProgress
{
    public static bool IsProgress(ProgressUpdate update, KeyProjectRules rules) =>
        update.Arrived > 0 || (rules.Stage(update.Stage)?.Index ?? 0) > (rules.Stage(update.StageBefore)?.Index ?? 0);

    /// <summary>Months from the last progress to <paramref name="month"/> (0 when there was progress in it or later).</summary>
    public static int MonthsWithoutProgress(KeyProject project, ReportingMonth month) =>
        Math.Max(0, Index(month) - Index(project.LastProgressMonth));

    public static bool IsStalled(KeyProject project, ReportingMonth month, KeyProjectRules rules) =>
        project.Stage != rules.FinalStage.Id && MonthsWithoutProgress(project, month) >= rules.StalledMonths;

    /// <summary>The project's running totals after its monthly updates (all of them, the new one included).</summary>
    public static KeyProject Summarize(KeyProject project, IReadOnlyList<ProgressUpdate> updates, KeyProjectRules rules)
    {
        var latest = updates.MaxBy(u => u.Month);
        var progress = updates.Where(u => IsProgress(u, rules)).Select(u => u.Month).Append(project.RegisteredMonth).Max();
        return project with
        {
            ArrivedTotal = updates.Sum(u => u.Arrived),
            LastUpdateMonth = latest?.Month,
            LastProgressMonth = progress,
            Problems = latest?.Problems ?? "",
            Details = latest is null ? project.Details : project.Details with { Stage = latest.Stage },
        };
    }

    private static int Index(ReportingMonth m) => m.Year * 12 + m.Month - 1;
}
