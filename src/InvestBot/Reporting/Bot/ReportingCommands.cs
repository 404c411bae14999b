using InvestBot.Teams.Commands;

namespace InvestBot.Reporting.Bot;

/// <summary>
/// 月度填报's part of the command table: every command word, where it works, who may use it, its help line and menu entry.
/// Whatever shows a unit's figures, targets or reporters is private: asked in a group, it answers in the personal chat.
/// </summary>
public static class ReportingCommands
{
    public static readonly CommandSection Section = new("月度填报",
        [
            BotCommand.For<BindCommand>("绑定", help: new("绑定填报单位", "绑定 潮阳街道（经管理员审批）"),
                manifest: "申请成为本单位填报人，例如：绑定 潮阳街道") with
                {
                    ManifestScopes = ConversationScope.Personal,
                    // 怎么绑定单位？/ 如何绑定填报人 / 我要怎么绑定: a question about binding gets how it works.
                    Phrasings = [@"^(请问|我|我们)?(该|要|应该|需要)?(怎么|怎样|如何|咋)(才能|去|来)?(申请)?绑定.{0,12}$"],
                },
            BotCommand.For<OpenFormCommand>("填报", help: new("填报月度数据", "填报 / 我要填报 / 填报3月数据"),
                manifest: "打开本单位上月招商引资数据填报表") with
                {
                    Aliases = ["我要填报"], ManifestScopes = ConversationScope.Personal, Privately = true,
                    // 我要报11月的数 / 我来填一下3月的数据: asking to report a month opens its form (issue 21).
                    Phrasings = [@"^(我|我们)?(要|想|来|需要)?(填|报|上报|填写)(一下)?\s*([0-9０-９]{4}\s*年\s*)?[0-9０-９]{1,2}\s*月份?的?(数|数据|月报|报表)(吧)?[。！!]?$"],
                },
            BotCommand.For<MyReportsCommand>("我的填报", WordMatch.Exact, help: new("查看本单位填报", "我的填报"),
                manifest: "查看本单位今年已提交的月度数据") with { Aliases = ["填报记录", "我的数据"], ManifestScopes = ConversationScope.Personal, Privately = true },
            BotCommand.For<ReportingStatusCommand>("填报情况", adminOnly: true,
                help: new("填报管理", "填报情况 / 填报情况 2023-03 / 绑定列表 / 解绑 张三 / 重新开放 潮阳街道 2023-03 / 重新开放 全部 2023-03 / 导入填报人 / 填报 潮阳街道 2023-03 / 导出 2023-03"),
                manifest: "（管理员）查看各单位本月报送情况") with { ManifestScopes = ConversationScope.Personal, Privately = true, ForSupervisors = true },
            BotCommand.For<BindingListCommand>("绑定列表", WordMatch.Exact, adminOnly: true) with { Aliases = ["绑定情况", "填报人列表"], Privately = true },
            BotCommand.For<UnbindCommand>("解绑", adminOnly: true) with { Privately = true },
            BotCommand.For<ImportReportersCommand>("导入填报人", adminOnly: true,
                help: new("导入填报人", "导入填报人（附 Excel/CSV：单位, 姓名, 邮箱/UPN；名单上的人首次出现在 Teams 时自动绑定）")) with { Privately = true },
            BotCommand.For<ReopenCommand>("重新开放", adminOnly: true) with { Privately = true },
            BotCommand.For<ExportCommand>("导出", adminOnly: true) with { Privately = true, ForSupervisors = true },
            BotCommand.For<UnitTargetsCommand>("年度目标", adminOnly: true,
                help: new("年度目标", "年度目标 潮阳街道 2023 / 导入目标 2023（粘贴表格或附 Excel） / 目标汇总 2023")) with { Privately = true },
            BotCommand.For<ImportTargetsCommand>("导入目标", adminOnly: true) with { Privately = true },
            BotCommand.For<TargetSummaryCommand>("目标汇总", adminOnly: true) with { Privately = true },
            BotCommand.For<OpeningBalanceCommand>("期初累计", adminOnly: true,
                help: new("期初累计", "期初累计 潮阳街道 2026（开始使用 InvestBot 之前各月的累计数）")) with { Privately = true },
        ],
        [
            CardVerb.For<ReportActions>(ReportCards.SubmitVerb),
            CardVerb.For<ReportActions>(ReportCards.OpenVerb),
            CardVerb.For<ReportTargetActions>(ReportTargetCards.SaveVerb, adminOnly: true),
            CardVerb.For<OpeningBalanceActions>(OpeningBalanceCards.SaveVerb, adminOnly: true),
            CardVerb.For<RemindMissingActions>(ReportViewCards.RemindVerb, adminOnly: true),
            CardVerb.For<OpeningBalanceActions>(OpeningBalanceCards.OpenVerb, adminOnly: true),
            CardVerb.For<BindingActions>(BindingCards.ApproveVerb, adminOnly: true),
            CardVerb.For<BindingActions>(BindingCards.RejectVerb, adminOnly: true),
            CardVerb.For<BindingActions>(BindingCards.UnbindVerb, adminOnly: true),
        ]);
}
