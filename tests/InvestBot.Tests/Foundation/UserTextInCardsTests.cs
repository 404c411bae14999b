using InvestBot.Access;
using InvestBot.Common;
using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Knowledge;
using InvestBot.Knowledge.Bot;
using InvestBot.Organization;
using InvestBot.Ranking;
using InvestBot.Ranking.Bot;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.KeyProjects;
using Xunit;
using static InvestBot.Tests.Infrastructure.CardMarkdown;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// Every card builder that shows what people typed or named themselves (display names, questions, conversation names,
/// amounts as typed, project names, problems, contacts) shows it literally: a markdown link or bold text typed into the
/// field appears escaped, never as a live link or emphasis. Each card is also valid Adaptive Card 1.5.
/// </summary>
[Trait("Category", "Unit")]
public sealed class UserTextInCardsTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2023-04-03T02:00:00Z");
    private static readonly UnitDirectory Units = KeyProjectHarness.Units;
    private static readonly Unit Chaoyang = Units.FindById(KeyProjectHarness.Chaoyang)!;

    [Fact]
    public void The_admins_approval_card_shows_the_requesters_display_name_literally()
    {
        var card = BindingCards.Approval(new BindingRequest("aad-x", Typed, Chaoyang.Id, At), Chaoyang, Zone);

        AssertLiteral(card);
        CardSchema.AssertValid(card);
        Assert.Equal($"{Typed} 申请绑定 {Chaoyang.Name}", card.Value<string>("fallbackText")); // plain text stays as typed
    }

    [Fact]
    public void The_bindings_list_shows_pending_and_bound_names_and_the_approver_literally()
    {
        var card = Assert.Single(BindingCards.List(
            [new UnitBinding("aad-b", Typed, Chaoyang.Id, "**批准人**", At)],
            [new BindingRequest("aad-p", Link, Chaoyang.Id, At)], Units));

        AssertLiteral(card);
        AssertLiteral(card, Link);
        AssertLiteral(card, "**批准人**");
        CardSchema.AssertValid(card);
    }

    [Fact]
    public void A_decision_card_names_the_reporter_literally() =>
        AssertLiteral(BindingCards.Decided($"已将 {Typed} 绑定为 潮阳街道 的填报人。"));

    [Fact]
    public void The_reminder_result_names_reached_and_unreached_reporters_literally()
    {
        var card = ReportViewCards.Reminded(new ReportingMonth(2023, 3), 2, [$"{Typed}（潮阳街道）"], [$"{Link}（宝平街道）"], []);

        AssertLiteral(card);
        AssertLiteral(card, Link);
        CardSchema.AssertValid(card);
    }

    [Fact]
    public void The_subscription_list_shows_conversation_names_and_reasons_literally()
    {
        var card = RankingCards.Subscriptions(
            [
                new Subscription("19:a@thread.v2", Typed, "groupChat", "aad-admin", At),
                new Subscription("19:b@thread.v2", "招商群", "groupChat", "aad-admin", At, Active: false, InactiveReason: Link),
            ],
            new OfficeClock(TimeProvider.System, Zone));

        AssertLiteral(card);
        AssertLiteral(card, Link);
        CardSchema.AssertValid(card);
    }

    [Fact]
    public void The_publishers_completion_message_names_failed_conversations_literally()
    {
        var text = AdminNotifier.CompletionText("通报", new DeliveryProgress(2, 1, 0, 1, 0, [$"{Typed}：已失效"]));

        Assert.Contains(Teams.Cards.CardText.Literal(Typed), text);
        AssertNoLiveMarkdown(text);
    }

    [Fact]
    public void Unanswered_and_disliked_questions_are_listed_as_typed()
    {
        var card = KnowledgeCards.Statistics(
            [new UnansweredQuestion(Typed, "aad-x", "none", At)],
            [new AnswerFeedback(Link, 22, false, "aad-y", At), new AnswerFeedback(Bold, 0, false, "aad-z", At)], Zone);

        AssertLiteral(card);
        AssertLiteral(card, $"{Link}（第22条）");
        AssertLiteral(card, Bold);
        CardSchema.AssertValid(card);
    }

    [Fact]
    public void Amounts_echoed_as_typed_on_the_targets_and_opening_cards_are_literal()
    {
        var metric = KeyProjectHarness.Catalog.ForKind(Chaoyang.Kind).First(m => m.Unit == "万元");
        var targets = ReportTargetCards.Saved(Chaoyang, 2023, [metric], new Dictionary<string, decimal> { [metric.Id] = 80000 },
            new Dictionary<string, string> { [metric.Id] = $"{Typed} → 80000 万元" });
        var opening = OpeningBalanceCards.Form(
            new OpeningEntry(Chaoyang, 2026, 3, 0, [metric], new Dictionary<string, string> { [metric.Id] = Typed }, 0),
            new Dictionary<string, string> { [metric.Id] = $"该项以“万元”计，不能写“{Link}”" }, $"请核对：{Bold}");

        AssertLiteral(targets);
        AssertLiteral(opening, Link);
        AssertLiteral(opening, Bold);
        Assert.Equal(Typed, opening.SelectToken("$..[?(@.type == 'Input.Text')].value")!.ToString()); // the input keeps what was typed
        CardSchema.AssertValid(targets);
        CardSchema.AssertValid(opening);
    }

    [Fact]
    public void The_quarterly_report_shows_project_names_and_problems_literally()
    {
        var report = new MajorProjectReport("2023Q1", "2023年第一季度", At,
            [new StageLine("开工", 1, [new Money("内资", "万元", 1000m)], [new Money("内资", "万元", 10m)], [new Money("内资", "万元", 100m)])],
            [new ReportProject(Chaoyang.Id, Chaoyang.Name, ProjectIds.New(), Link, "内资", "万元", "智能装备产业链", "开工", 2, 1000, 10, 100,
                Stalled: true, MonthsWithoutProgress: 3, MonthsUpdated: 3, Problems: Bold, ProblemsMonth: "2023年3月")],
            2, ["内资", "外资"]);

        var cards = new MajorProjectReportCards(KeyProjectHarness.Rules, new OfficeClock(TimeProvider.System, Zone)).Build(report);

        var card = Assert.Single(cards);
        AssertLiteral(card, $"{Link}（2023年3月）：{Bold}");
        AssertLiteral(card, $"⚠ {Link}"); // the project table's cell
        Assert.Equal(3, Of(card).Count(t => t.Contains(Teams.Cards.CardText.Literal(Link)))); // problems, stalled, table
        CardSchema.AssertValid(card);
    }
}
