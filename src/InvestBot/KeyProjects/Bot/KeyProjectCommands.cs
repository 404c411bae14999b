using InvestBot.Teams.Commands;

namespace InvestBot.KeyProjects.Bot;

/// <summary>重点项目's part of the command table (（二十六）: the monthly check of key projects and the quarterly report).</summary>
public static class KeyProjectCommands
{
    public const string Register = "登记项目";
    public const string Mine = "我的项目";
    public const string Overview = "重点项目";
    public const string Export = "导出项目";
    public const string Publish = "发布项目通报";
    public const string Correct = "更正项目通报";
    public const string Supervision = "督查报告";

    public static readonly CommandSection Section = new("重点项目",
        [
            BotCommand.For<RegisterProjectCommand>(Register, scopes: ConversationScope.Personal,
                help: new("登记和更新项目", "登记项目 / 我的项目（每月更新进展）")) with { Aliases = ["登记重点项目", "新增项目"] },
            BotCommand.For<MyProjectsCommand>(Mine, WordMatch.Exact, ConversationScope.Personal,
                manifest: "登记本单位的项目，每月更新进展") with { Aliases = ["本单位项目", "项目进展", "更新项目"] },
            BotCommand.For<OverviewCommand>(Overview, scopes: ConversationScope.Personal, adminOnly: true,
                help: new("项目台账月度检查", "重点项目 / 重点项目 潮阳街道 / 重点项目 2023-03 / 导出项目 2023-03"),
                manifest: "（管理员）全区项目台账：停滞项目、各阶段、各单位") with { Aliases = ["重点项目台账", "项目台账"], ForSupervisors = true },
            BotCommand.For<ExportProjectsCommand>(Export, scopes: ConversationScope.Personal, adminOnly: true) with { Aliases = ["导出重点项目", "导出台账"], ForSupervisors = true },
            BotCommand.For<PublishReportCommand>(Publish, scopes: ConversationScope.Personal, adminOnly: true,
                help: new("重大项目季度通报", "发布项目通报 2023Q1 / 更正项目通报 2023Q1 / 督查报告 2023Q1")) with { Aliases = ["项目通报", "重大项目通报"] },
            BotCommand.For<PublishReportCommand>(Correct, scopes: ConversationScope.Personal, adminOnly: true),
            BotCommand.For<SupervisionReportCommand>(Supervision, scopes: ConversationScope.Personal, adminOnly: true) with { Aliases = ["导出督查报告"], ForSupervisors = true },
        ],
        [
            CardVerb.For<ProjectActions>(KeyProjectCards.RegisterVerb),
            CardVerb.For<ProjectActions>(KeyProjectCards.EditOpenVerb),
            CardVerb.For<ProjectActions>(KeyProjectCards.EditVerb),
            CardVerb.For<ProjectActions>(KeyProjectCards.ProgressOpenVerb),
            CardVerb.For<ProjectActions>(KeyProjectCards.ProgressVerb),
            CardVerb.For<ProjectActions>(KeyProjectCards.ViewVerb),
            CardVerb.For<ProjectActions>(KeyProjectCards.ListVerb),
            CardVerb.For<ProjectActions>(KeyProjectCards.NewVerb),
            CardVerb.For<ProjectActions>(KeyProjectCards.MarkVerb, adminOnly: true),
            // （二十六）: 区纪委监委 and 区委督查室 check the work; what their checks find they may record themselves.
            CardVerb.For<ProjectActions>(KeyProjectCards.FindingOpenVerb, adminOnly: true) with { ForSupervisors = true },
            CardVerb.For<ProjectActions>(KeyProjectCards.FindingVerb, adminOnly: true) with { ForSupervisors = true },
            // 整改 of a finding (区合作交流办设定): the same people; a unit's reporters see the state but may not close their own findings.
            CardVerb.For<ProjectActions>(KeyProjectCards.RectifyOpenVerb, adminOnly: true) with { ForSupervisors = true },
            CardVerb.For<ProjectActions>(KeyProjectCards.RectifyVerb, adminOnly: true) with { ForSupervisors = true },
            CardVerb.For<ProjectActions>(KeyProjectCards.ReopenVerb, adminOnly: true) with { ForSupervisors = true },
            CardVerb.For<OpenCommandAction>(KeyProjectCards.OpenVerb),
            CardVerb.For<ReportPublishActions>(MajorProjectReportCards.ConfirmVerb, adminOnly: true),
            CardVerb.For<ReportPublishActions>(MajorProjectReportCards.CancelVerb, adminOnly: true),
        ]);

    /// <summary>The commands a button may run as if typed (<see cref="OpenCommandAction"/>), by name.</summary>
    public static BotCommand? Find(string name) => Section.Commands.FirstOrDefault(c => c.Name == name);
}
