using InvestBot.Teams.Commands;

namespace InvestBot.Ranking.Bot;

/// <summary>排名通报's part of the command table.</summary>
public static class RankingCommands
{
    /// <summary>The start of a phrasing about the asker's own unit: 我们单位 / 咱镇 / 本街道的.</summary>
    private const string OwnUnit = @"^(我|我们|咱|咱们|本)(单位|街道|街|镇|乡|部门|局|委|办)?(的)?";

    public static readonly CommandSection Section = new("排名通报",
        [
            BotCommand.For<LatestRankingCommand>("排名", WordMatch.Exact, help: new("查看排名", "排名 / 本月排名 / 我单位排名"),
                manifest: "查看最新一期各单位招商引资排名（在群聊中私信发送）") with
                {
                    Aliases = ["本月排名", "最新排名", "查看排名", "排名通报"], Privately = true,
                    // 看看排名 / 查一下最新的排名: asking to see the ranking, not the notice's rule on 排位.
                    Phrasings = [@"^(请|帮我|麻烦)?(查|查看|查查|查一下|看|看看|看一下|瞧瞧)(一下)?(最新|本月|这个月|上个月|上月)?(的)?(排名|排行|排行榜|排名通报)(吧|呢)?$"],
                },
            BotCommand.For<UnitRankingCommand>("我单位排名", WordMatch.Exact,
                manifest: "查看本单位的名次和得分（在群聊中私信发送）") with
                {
                    Aliases = ["本单位排名", "我的排名"], Privately = true,
                    // 我们单位排第几 / 咱镇排多少名: the unit's own place, not a policy question.
                    Phrasings = [OwnUnit + @"(排名|排第几名?|排多少名?|排在第几名?|排名第几|排行第几|名次|第几名)(是多少|怎么样|如何|多少)?(了|呢|吗)?$"],
                },
            BotCommand.For<UnitProgressCommand>("我单位进度", help: new("本单位目标进度", "我单位进度（目标、年累计、完成率，离上一名还差多少）"))
                with
                {
                    Aliases = ["本单位进度", "我们单位进度", "单位进度"], Privately = true,
                    // 咱镇目标完成得怎么样 / 我们今年指标是多少: the unit's own targets and progress, which the bot has.
                    Phrasings =
                    [
                        OwnUnit + @"(今年|年度|全年)?(的)?(目标|任务|指标)?(的)?(完成率|完成情况|完成进度|进度|完成得|完成了|完成)(是)?(怎么样|咋样|如何|多少|是多少|有多少|了多少|多少了)?(了|呢|吗|啊)?$",
                        // Not 我们街道的目标是多少: said with a kind word it is answered by the Q&A, which says the notice's
                        // figures are the district's and points here (issue 21).
                        @"^(我|我们|咱|咱们|本)(单位)?(的)?(今年|年度|全年)?(的)?(目标|指标|任务数)(是|定了|定的)?(多少|是多少|有多少)(了|呢|吗|啊)?$",
                    ],
                },
            BotCommand.For<SubscribeCommand>("订阅通报", WordMatch.Exact, ConversationScope.Shared, adminOnly: true,
                manifest: "（管理员）在本群聊或频道接收每月招商引资情况通报") with { Aliases = ["订阅排名通报", "订阅排名"] },
            BotCommand.For<UnsubscribeCommand>("取消订阅", WordMatch.Exact, ConversationScope.Shared, adminOnly: true,
                manifest: "（管理员）本群聊或频道不再接收通报") with { Aliases = ["取消订阅通报", "退订通报", "取消通报订阅"] },
            BotCommand.For<SubscriptionListCommand>("订阅列表", WordMatch.Exact, adminOnly: true,
                help: new("订阅通报", "订阅通报 / 取消订阅（在群聊或频道中 @InvestBot） / 订阅列表")) with { Aliases = ["通报订阅列表", "查看订阅", "订阅情况"], Privately = true },
            BotCommand.For<PublishRankingCommand>("发布排名", scopes: ConversationScope.Personal, adminOnly: true,
                help: new("发布排名通报", "发布排名 2023-03 / 更正排名 2023-03"),
                manifest: "（管理员）预览并发布某月排名，例如：发布排名 2023-03"),
            BotCommand.For<PublishRankingCommand>("更正排名", scopes: ConversationScope.Personal, adminOnly: true),
            BotCommand.For<ExportBulletinCommand>("导出通报表", adminOnly: true,
                help: new("导出通报表", "导出通报表 2026-03（招商引资情况通报表 Word 和 Excel，按发布时的数据）")) with
                {
                    Aliases = ["下载通报表"], Privately = true, ForSupervisors = true,
                },
            BotCommand.For<ScoringRulesCommand>("评分规则", WordMatch.Exact, ConversationScope.Personal, adminOnly: true,
                help: new("评分规则", "评分规则（排名、约谈和目标规则及其出处）")) with { Aliases = ["排名规则", "约谈规则"] },
        ],
        [
            CardVerb.For<RankingPublishActions>(RankingCards.ConfirmVerb, adminOnly: true),
            CardVerb.For<RankingPublishActions>(RankingCards.CancelVerb, adminOnly: true),
            CardVerb.For<RankingPublishActions>(RankingCards.ProgressVerb, adminOnly: true),
        ]);
}
