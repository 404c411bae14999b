namespace InvestBot.KeyProjects;

/// <summary>
/// Whether a project's stage and its expected dates agree: a project at 开工 (or later) whose 预计开工 is still ahead, or at
/// 投产 whose 预计投产 is still ahead, has either the wrong stage or a stale date. Said plainly on its cards; nothing is refused,
/// since the dates are estimates the reporter may not have revised yet.
/// </summary>
public static class ProjectDates
{
    public const string StartedStage = "started";
    public const string OperatingStage = "operating";

    public static string? Conflict(KeyProject project, KeyProjectRules rules, DateOnly today)
    {
        var stage = rules.Stage(project.Stage);
        if (stage is null) return null;
        if (rules.Stage(OperatingStage) is { } operating && stage.Index >= operating.Index
            && project.Details.ExpectedOperation is { } op && op > today)
            return KeyProjectTexts.DateConflict(stage.Name, "预计投产", op);
        if (rules.Stage(StartedStage) is { } started && stage.Index >= started.Index
            && project.Details.ExpectedStart is { } start && start > today)
            return KeyProjectTexts.DateConflict(stage.Name, "预计开工", start);
        return null;
    }
}
