using System.Text;
using InvestBot.Knowledge;
using InvestBot.Teams.Cards;
using Newtonsoft.Json.Linq;

namespace InvestBot.Knowledge.Bot;

/// <summary>
/// Cards for policy answers. The best article always comes first, written as the document writes it
/// (（二十二）优化审批服务效能), before any other article label on the card.
/// </summary>
public static class AnswerCards
{
    public const string FeedbackVerb = "knowledge.feedback";
    private const int MaxQuestionInData = 200;

    /// <param name="currentYear">The office's current year: numbers from a notice of another year say whose they are.</param>
    /// <param name="articleButtons">What other capabilities offer under the answer's article (e.g. the key-project
    /// commands under （二十六）); shown only on an answer about that article.</param>
    public static (JObject Card, string Summary) Build(PolicyAnswer answer, KnowledgeBase kb, int? currentYear = null,
        IReadOnlyList<JObject>? articleButtons = null) => answer.Kind switch
    {
        AnswerKind.Article or AnswerKind.Responsible or AnswerKind.Target => ArticleCard(answer, kb, currentYear, articleButtons ?? []),
        AnswerKind.ScopedTarget => ScopedTargetCard(answer, kb, currentYear),
        AnswerKind.UnitDuties => DutiesCard(answer),
        AnswerKind.AllArticles => AllArticlesCard(kb.Document),
        AnswerKind.Sections => SectionsCard(kb.Document),
        AnswerKind.SectionArticles => SectionCard(answer.Section!, kb.Document),
        AnswerKind.Suggestions => SuggestionsCard(answer),
        AnswerKind.NeedsBinding => Notice("您还没有绑定所在单位，我不知道“我单位”指哪个单位。请联系区合作交流办绑定单位，或直接带上单位名称提问，例如：区商务局负责哪些条款。"),
        AnswerKind.Greeting => Notice("您好！我可以解答《三十条措施》的问题，例如“第22条”“区商务局负责哪些条款”“外资企业要引进几家”。发送“帮助”查看全部功能。"),
        AnswerKind.Thanks => Notice("不客气！还有问题随时问我。"),
        AnswerKind.NoSuchArticle => HowToAsk($"三十条措施共有{kb.Document.Articles.Count}条，没有第{answer.AskedNumber}条。"),
        _ => HowToAsk($"抱歉，我在三十条措施中没有找到与“{Shorten(answer.Question, 40)}”相关的内容。"),
    };

    private static (JObject, string) ArticleCard(PolicyAnswer answer, KnowledgeBase kb, int? currentYear, IReadOnlyList<JObject> articleButtons)
    {
        var article = answer.Article!;
        var noticeYear = kb.Document.Year;
        var otherYear = noticeYear is not null && currentYear is not null && noticeYear != currentYear;
        var units = kb.ResponsibleFor(article).Select(kb.Describe).ToList();
        var unitText = units.Count == 0 ? "本条未列明责任单位" : string.Join("、", units);
        var body = new List<JToken> { Card.Title(article.Heading) };
        var plain = new StringBuilder(article.Heading).Append('\n');
        if (answer.Kind == AnswerKind.Target)
        {
            var numbers = string.Join("；", answer.Targets.Select(t => t.Phrase).Distinct());
            if (otherYear) numbers += KnowledgeTexts.OfNoticeYear(noticeYear!.Value);
            body.Add(Card.Text("答：" + numbers, size: "Medium", weight: "Bolder", color: "Accent"));
            plain.Append("答：").Append(numbers).Append('\n');
        }
        if (answer.Kind == AnswerKind.Responsible)
        {
            body.Add(Card.Text("责任单位：" + unitText, weight: "Bolder", color: "Accent"));
            plain.Append("责任单位：").Append(unitText).Append('\n');
        }
        body.Add(Card.Text(answer.FullText ? FullText(article) : article.Body));
        body.Add(Card.Facts([("责任单位", unitText), ("所属部分", kb.Document.SectionOf(article).Heading)]));
        plain.Append(article.Body).Append("\n责任单位：").Append(unitText);
        if (otherYear && article.Targets.Count > 0)
        {
            body.Add(Card.Text(KnowledgeTexts.NoticeYearNote(noticeYear!.Value, currentYear!.Value), isSubtle: true));
            plain.Append('\n').Append(KnowledgeTexts.NoticeYearNote(noticeYear.Value, currentYear.Value));
        }

        var related = answer.Candidates.Take(2).ToList();
        if (related.Count > 0)
            body.Add(Card.Text("相关条款：" + string.Join("；", related.Select(r => r.Heading)), isSubtle: true, spacing: "Medium"));
        var actions = new List<JToken>();
        if (!answer.FullText) actions.Add(Card.Say("查看全文", $"第{article.Number}条全文"));
        actions.AddRange(related.Select(r => Card.Say("相关：" + r.Heading, $"第{r.Number}条")));
        if (articleButtons.Count > 0)
        {
            body.Add(Card.Text("办理本条相关工作：", weight: "Bolder", spacing: "Medium"));
            body.Add(Card.ActionSet(articleButtons));
        }
        body.Add(Card.ActionSet(FeedbackButtons(answer.Question, article.Number)));
        return (Card.Create(body, actions, plain.ToString()), article.Heading);
    }

    /// <summary>
    /// A target asked about as one's own unit or a kind: the numbers, then whose they are — the district's (not divided),
    /// the unit's own figure where the notice writes one (quoted), or each group's — and where the unit's own target is.
    /// </summary>
    private static (JObject, string) ScopedTargetCard(PolicyAnswer answer, KnowledgeBase kb, int? currentYear)
    {
        var article = answer.Article!;
        var scope = answer.Scope!;
        var noticeYear = kb.Document.Year;
        var otherYear = noticeYear is not null && currentYear is not null && noticeYear != currentYear;
        // （三）'s figures per unit (科技城：30个，500家；开发区：50个，500家), else the numbers as the article writes them.
        var numbers = (scope.UnitFigures.Count > 0 && !scope.PerUnitArticle
            ? string.Join("；", scope.UnitFigures.GroupBy(f => f.UnitName).Select(g =>
                $"{g.Key}：{string.Join("，", answer.Targets.Where(t => g.Any(f => f.Sentence == t.Clause)).Select(t => t.Phrase).Distinct())}"))
            : string.Join("；", answer.Targets.Select(t => t.Phrase).Distinct())) + (otherYear ? KnowledgeTexts.OfNoticeYear(noticeYear!.Value) : "");
        var lines = new List<string>();
        if (scope.PerUnitArticle)
            lines.Add(KnowledgeTexts.EachUnitsTarget(article.Label, scope.KindName ?? "单位"));
        else if (scope.AnswerIsDistrictWide)
            lines.Add(KnowledgeTexts.DistrictWide(article.Label, scope.Subject, Among(kb, answer)));
        else
        {
            lines.Add(KnowledgeTexts.UnitsOwnFigure(article.Label, string.Join("、", scope.UnitFigures.Select(f => f.UnitName).Distinct())));
            lines.AddRange(scope.UnitFigures.Select(f => f.Sentence).Distinct().Select(sentence => KnowledgeTexts.Quote(article.Label, sentence)));
        }
        if (!scope.PerUnitArticle && !scope.AnswerIsDistrictWide && scope.District.Count > 0)
            lines.Add(KnowledgeTexts.DistrictWide(string.Concat(scope.District.Select(d => d.Article.Label)), scope.Subject, Among(kb, answer)));
        if (scope.PerUnitElsewhere.Count > 0)
            lines.Add(KnowledgeTexts.FiguresOnlyFor(scope.PerUnitElsewhere.Select(x => (x.Who, x.Article.Label))));
        if (scope.OwnUnit)
            lines.Add(scope.PerUnitArticle ? KnowledgeTexts.SeeOwnProgress : KnowledgeTexts.OwnTargetsSetByOffice(scope.Subject));
        var otherTargets = scope.District.Select(d => $"{d.Article.Heading}：{string.Join("；", d.Targets.Select(t => t.Phrase).Distinct())}").ToList();

        var units = kb.ResponsibleFor(article).Select(kb.Describe).ToList();
        var unitText = units.Count == 0 ? "本条未列明责任单位" : string.Join("、", units);
        var body = new List<JToken>
        {
            Card.Title(article.Heading),
            Card.Text("答：" + numbers, size: "Medium", weight: "Bolder", color: "Accent"),
            Card.Text(string.Join("\n\n", lines), weight: "Bolder"),
        };
        if (otherTargets.Count > 0) body.Add(Card.Text(KnowledgeTexts.OtherDistrictTargets + "\n\n" + string.Join("\n\n", otherTargets), spacing: "Medium"));
        body.Add(Card.Text(article.Body, isSubtle: true, spacing: "Medium"));
        body.Add(Card.Facts([("责任单位", unitText), ("所属部分", kb.Document.SectionOf(article).Heading)]));
        if (otherYear) body.Add(Card.Text(KnowledgeTexts.NoticeYearNote(noticeYear!.Value, currentYear!.Value), isSubtle: true));
        body.Add(Card.ActionSet(FeedbackButtons(answer.Question, article.Number)));

        var actions = new List<JToken>();
        if (scope.OwnUnit) actions.Add(Card.Say(KnowledgeTexts.OwnProgressCommand, KnowledgeTexts.OwnProgressCommand));
        actions.Add(Card.Say("查看全文", $"第{article.Number}条全文"));
        actions.AddRange(scope.District.Select(d => Card.Say("相关：" + d.Article.Heading, $"第{d.Article.Number}条")));
        var plain = $"{article.Heading}\n答：{numbers}\n{string.Join("\n", lines)}" + (otherTargets.Count > 0 ? "\n" + string.Join("\n", otherTargets) : "");
        return (Card.Create(body, actions, plain), article.Heading);
    }

    /// <summary>Among whom the notice did not divide the figure: the kind's group word (各街镇), else 各单位.</summary>
    private static string Among(KnowledgeBase kb, PolicyAnswer answer)
    {
        var kind = kb.Units.Kinds.FirstOrDefault(k => k.Name == answer.Scope!.KindName);
        return kind is null ? "各单位" : kb.Units.GroupWords.FirstOrDefault(g => g.Kind == kind.Id)?.Word ?? "各" + kind.Name;
    }

    /// <summary>The article line as the notice prints it: label, title, body, 责任单位 note.</summary>
    private static string FullText(PolicyArticle a) =>
        a.Label + a.Title + "。" + a.Body + (a.ResponsibleText is null ? "" : $"（责任单位：{a.ResponsibleText}）");

    private static (JObject, string) DutiesCard(PolicyAnswer answer)
    {
        var lists = answer.DutyLists;
        var several = lists.Count > 1;
        var title = several
            ? string.Join("、", lists.Select(l => l.Subject)) + "的职责"
            : $"{lists[0].Subject}的职责（共{lists[0].Duties.Count}条）";
        var body = new List<JToken> { Card.Title(title) };
        var plain = new StringBuilder(title).Append('\n');
        foreach (var list in lists)
        {
            if (several)
            {
                body.Add(Card.Heading($"{list.Subject}（共{list.Duties.Count}条）"));
                plain.Append(list.Subject).Append('\n');
            }
            void Group(string heading, DutyReason reason)
            {
                var lines = list.Duties.Where(d => d.Reason == reason)
                    .Select(d => d.Via is null ? d.Article.Heading : $"{d.Article.Heading}（通过“{d.Via}”）").ToList();
                if (lines.Count == 0) return;
                body.Add(several ? Card.Text(heading, weight: "Bolder") : Card.Heading(heading));
                body.Add(Card.Text(string.Join("\n\n", lines)));
                plain.Append(heading).Append('\n').AppendJoin('\n', lines).Append('\n');
            }
            Group("责任单位中直接列明的条款", DutyReason.Named);
            Group("通过所属类别（如“各街镇”“区直各单位”）负责的条款", DutyReason.Group);
            Group("条文中提到、但未列为责任单位的条款", DutyReason.Mentioned);
            if (list.Duties.Count == 0)
                body.Add(Card.Text("三十条措施中没有列明该单位负责的条款（可能属于“各相关单位”，视具体工作确定）。"));
        }
        body.Add(Card.ActionSet(FeedbackButtons(answer.Question, 0)));
        var actions = several ? [] : lists[0].Duties.Take(3).Select(d => Card.Say(d.Article.Heading, $"第{d.Article.Number}条"));
        return (Card.Create(body, actions, plain.ToString()), title);
    }

    private static (JObject, string) AllArticlesCard(PolicyDocument doc)
    {
        var body = new List<JToken> { Card.Title(doc.MeasuresTitle), Card.Text($"{doc.Issuer} {doc.IssuedOn}印发，共{doc.Sections.Count}个部分{doc.Articles.Count}条。", isSubtle: true) };
        foreach (var section in doc.Sections)
        {
            body.Add(Card.Heading(section.Heading));
            body.Add(Card.Text(string.Join("\n\n", section.ArticleNumbers.Select(n => doc.Article(n)!.Heading))));
        }
        return (Card.Create(body, [Card.Say("按部分查看", "有哪几个部分")], doc.MeasuresTitle), doc.MeasuresTitle);
    }

    private static (JObject, string) SectionsCard(PolicyDocument doc)
    {
        var lines = doc.Sections.Select(s =>
            $"{s.Heading}（{doc.Article(s.ArticleNumbers[0])!.Label}至{doc.Article(s.ArticleNumbers[^1])!.Label}）").ToList();
        var body = new JToken[]
        {
            Card.Title($"三十条措施分为{doc.Sections.Count}个部分"),
            Card.Text(string.Join("\n\n", lines)),
        };
        return (Card.Create(body, [Card.Say("查看全部条款", "三十条措施目录")], string.Join("\n", lines)), "三十条措施的组成部分");
    }

    private static (JObject, string) SectionCard(PolicySection section, PolicyDocument doc)
    {
        var articles = section.ArticleNumbers.Select(n => doc.Article(n)!).ToList();
        var body = new JToken[]
        {
            Card.Title(section.Heading + $"（共{articles.Count}条）"),
            Card.Text(string.Join("\n\n", articles.Select(a => a.Heading))),
        };
        var actions = articles.Take(5).Select(a => Card.Say(a.Heading, $"第{a.Number}条"));
        return (Card.Create(body, actions, section.Heading), section.Heading);
    }

    private static (JObject, string) SuggestionsCard(PolicyAnswer answer)
    {
        var body = new JToken[]
        {
            Card.Text("我不太确定您问的是哪一条。您是不是想问：", weight: "Bolder"),
            Card.Text(string.Join("\n\n", answer.Candidates.Select(c => c.Heading))),
            Card.Text("点击下面的按钮查看，或换个说法再问一次。", isSubtle: true),
        };
        var actions = answer.Candidates.Select(c => Card.Say(c.Heading, $"第{c.Number}条"));
        return (Card.Create(body, actions, "您是不是想问：" + string.Join("；", answer.Candidates.Select(c => c.Heading))), "您是不是想问");
    }

    private static (JObject, string) HowToAsk(string apology)
    {
        var body = new JToken[]
        {
            // The apology quotes the question as typed: shown literally on the card, as typed in the summary.
            Card.Text(CardText.Literal(apology), weight: "Bolder"),
            Card.Text("您可以这样问我：", spacing: "Medium"),
            Card.Facts([
                ("按条款", "第22条 / 二十二条 / 条款二十二"),
                ("单位职责", "区商务局负责哪些条款 / 大口屯镇要做什么 / 我单位的职责"),
                ("谁负责", "谁负责人才服务 / 展会招商由哪些单位负责"),
                ("目标数字", "外资企业要引进几家 / 街镇招商队伍至少几人"),
                ("关键词", "亲清茶室 / 负面清单 / 容错纠错"),
                ("目录", "三十条措施目录 / 有哪几个部分"),
            ]),
        };
        return (Card.Create(body, [Card.Say("查看条款目录", "三十条措施目录")], apology + " 可以问“第22条”“区商务局负责哪些条款”“谁负责人才服务”。"), apology);
    }

    private static (JObject, string) Notice(string text) =>
        (Card.Create([Card.Text(text)], [Card.Say("查看条款目录", "三十条措施目录")], text), text);

    internal static JToken[] FeedbackButtons(string question, int article)
    {
        JObject Data(bool helpful) => new FeedbackPayload(Shorten(question, MaxQuestionInData), article, helpful ? "up" : "down").ToData();
        return [Card.Execute("👍 有帮助", FeedbackVerb, Data(true)), Card.Execute("👎 没帮助", FeedbackVerb, Data(false))];
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max];
}
