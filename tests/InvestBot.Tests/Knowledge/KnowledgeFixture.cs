using InvestBot.Knowledge;
using InvestBot.Organization;
using InvestBot.Tests.Infrastructure;

namespace InvestBot.Tests.Knowledge;

/// <summary>The shipped data files loaded once: the notice, units.json and the lexicon.</summary>
public static class KnowledgeFixture
{
    private static readonly Lazy<(KnowledgeBase Kb, PolicyQuestionAnswerer Answerer)> Loaded = new(() =>
    {
        var kb = new KnowledgeBase(
            PolicyDocumentParser.Load(RepoPaths.SourceData(KnowledgeModule.DefaultPolicyFile)),
            UnitDirectory.Load(RepoPaths.SourceData("units.json")),
            KnowledgeLexicon.Load(RepoPaths.SourceData("knowledge-lexicon.json")));
        return (kb, new PolicyQuestionAnswerer(kb, new ArticleSearchIndex(kb.Document, kb.Lexicon)));
    });

    public static KnowledgeBase Kb => Loaded.Value.Kb;
    public static PolicyQuestionAnswerer Answerer => Loaded.Value.Answerer;
}
