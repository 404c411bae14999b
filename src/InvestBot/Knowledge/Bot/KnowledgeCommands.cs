using InvestBot.Teams.Commands;

namespace InvestBot.Knowledge.Bot;

/// <summary>The policy Q&amp;A's part of the command table. Free-text questions need no command word.</summary>
public static class KnowledgeCommands
{
    public static readonly CommandSection Section = new("政策问答",
        [
            BotCommand.For<KnowledgeStatisticsCommand>("未答问题", WordMatch.Exact, adminOnly: true,
                help: new("政策问答统计", "未答问题 / 问答统计")) with { Aliases = ["问答统计", "问答反馈"], Privately = true },
        ],
        [CardVerb.For<KnowledgeFeedbackHandler>(AnswerCards.FeedbackVerb)])
    {
        HelpLines = [new(new("问政策（三十条措施）", "第22条 / 区商务局负责哪些条款 / 谁负责人才服务 / 外资企业要引进几家 / 我单位的职责"))],
    };
}

/// <summary>👍/👎 under an answer: the question (shortened), the article number shown first (0: none) and the vote.</summary>
public sealed record FeedbackPayload(string Q, long A, string V) : Teams.Cards.CardPayload
{
    public const int MaxQuestionLength = 200;

    protected override bool IsValid() =>
        Q is { Length: > 0 and <= MaxQuestionLength } && !string.IsNullOrWhiteSpace(Q) && V is "up" or "down" && A >= 0;
}
