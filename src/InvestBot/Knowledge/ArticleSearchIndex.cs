using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace InvestBot.Knowledge;

/// <param name="Coverage">Share of the question's words (weighted by rarity) the article contains.</param>
/// <param name="Specificity">Rarity of the rarest question word the article contains: low when only words
/// found everywhere (招商, 工作, 项目) matched.</param>
public sealed record SearchHit(PolicyArticle Article, float Score, double Coverage, double Specificity);

/// <summary>
/// BM25 full-text index over the articles, built in memory at start-up. Every text is indexed twice:
/// as SmartCn words (precise) and as CJK bigrams (robust to words SmartCn splits differently).
/// </summary>
public sealed class ArticleSearchIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const float SynonymWeight = 0.3f;
    private static readonly (string Field, float Boost)[] Fields =
    [
        ("title_sm", 2f), ("title_bi", 2f), ("body_sm", 1f), ("body_bi", 1f), ("units_bi", 0.6f), ("section_bi", 0.5f),
    ];

    private readonly PolicyDocument _document;
    private readonly KnowledgeLexicon _lexicon;
    private readonly Analyzer _analyzer;
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Dictionary<int, string> _plainText;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _frequency = new();

    public ArticleSearchIndex(PolicyDocument document, KnowledgeLexicon lexicon)
    {
        _document = document;
        _lexicon = lexicon;
        var smart = new SmartChineseAnalyzer(Version);
        var bigram = new CJKAnalyzer(Version);
        _analyzer = new PerFieldAnalyzerWrapper(smart, new Dictionary<string, Analyzer>
        {
            ["title_bi"] = bigram, ["body_bi"] = bigram, ["units_bi"] = bigram, ["section_bi"] = bigram,
        });
        var config = new IndexWriterConfig(Version, _analyzer) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var article in document.Articles)
            {
                var section = document.SectionOf(article).Title;
                writer.AddDocument(new Document
                {
                    new StringField("number", article.Number.ToString(), Field.Store.YES),
                    new TextField("title_sm", Plain(article.Title), Field.Store.NO),
                    new TextField("title_bi", Plain(article.Title), Field.Store.NO),
                    new TextField("body_sm", Plain(article.Body), Field.Store.NO),
                    new TextField("body_bi", Plain(article.Body), Field.Store.NO),
                    new TextField("units_bi", article.ResponsibleText ?? "", Field.Store.NO),
                    new TextField("section_bi", section, Field.Store.NO),
                });
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _plainText = document.Articles.ToDictionary(a => a.Number, a => Plain(a.Title + a.Body + (a.ResponsibleText ?? "")));
    }

    /// <summary>
    /// The best articles for the question's topic words, with the share of those words each article contains
    /// (synonyms count), so callers can tell a real match from a weak one.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(string topic, int max = 5, Func<PolicyArticle, float>? boost = null)
    {
        var query = new BooleanQuery();
        var own = new HashSet<(string, string)>();
        foreach (var (field, weight) in Fields)
            foreach (var term in Tokens(field, topic).Distinct())
                if (own.Add((field, term)))
                    query.Add(new TermQuery(new Term(field, term)) { Boost = weight }, Occur.SHOULD);
        // Synonyms widen recall but must not outvote the words the person actually used.
        var synonyms = _lexicon.Expand(topic)[topic.Length..];
        foreach (var (field, weight) in Fields)
            foreach (var term in Tokens(field, synonyms).Distinct())
                if (own.Add((field, term)))
                    query.Add(new TermQuery(new Term(field, term)) { Boost = weight * SynonymWeight }, Occur.SHOULD);
        if (query.Clauses.Count == 0) return [];

        var terms = TopicTerms(topic);
        var hits = new List<SearchHit>();
        foreach (var sd in _searcher.Search(query, _document.Articles.Count).ScoreDocs)
        {
            var article = _document.Article(int.Parse(_searcher.Doc(sd.Doc).Get("number")))!;
            var coverage = Coverage(terms, article.Number);
            // Coverage of the question's own (rare) words matters as much as raw BM25: it keeps one
            // frequent word repeated in a long article from winning.
            var score = sd.Score * (float)Math.Pow(0.1 + coverage, 2) * PhraseBonus(topic, article.Number) * (boost?.Invoke(article) ?? 1f);
            hits.Add(new SearchHit(article, score, coverage, Specificity(terms, article.Number)));
        }
        return hits.OrderByDescending(h => h.Score).Take(max).ToList();
    }

    /// <summary>A long stretch of the question found verbatim in the article (服务型总部型企业) is strong evidence.</summary>
    private float PhraseBonus(string topic, int article)
    {
        var text = _plainText[article];
        var longest = 0;
        foreach (var part in topic.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            for (var i = 0; i < part.Length; i++)
                for (var len = Math.Max(longest + 1, 4); i + len <= part.Length; len++)
                {
                    if (!text.Contains(part.AsSpan(i, len), StringComparison.Ordinal)) break;
                    longest = len;
                }
        return longest >= 4 ? 1f + 0.1f * (longest - 3) : 1f;
    }

    /// <summary>The SmartCn words of the question (two characters or more, or digits), the units coverage is measured in.</summary>
    /// Runs of single characters SmartCn does not know (服贸会 → 服/贸/会) are joined back into one term.
    public IReadOnlyList<string> TopicTerms(string topic)
    {
        var terms = new List<string>();
        string? run = null;
        var runEnd = -1;
        foreach (var (term, start, end) in TokensWithOffsets("title_sm", topic))
        {
            if (term.Length == 1 && !char.IsAsciiDigit(term[0]) && !_lexicon.FillerChars.Contains(term[0]))
            {
                if (run is not null && start == runEnd) run += term;
                else
                {
                    Flush(run);
                    run = term;
                }
                runEnd = end;
                continue;
            }
            Flush(run);
            run = null;
            if (term.Length >= 2 || char.IsAsciiDigit(term[0])) terms.Add(term);
        }
        Flush(run);
        return terms.Distinct().ToList();

        void Flush(string? pending)
        {
            if (pending is { Length: >= 2 }) terms.Add(pending);
        }
    }

    private double Coverage(IReadOnlyList<string> terms, int article)
    {
        if (terms.Count == 0) return 0;
        var text = _plainText[article];
        double total = 0, hit = 0;
        foreach (var term in terms)
        {
            // Rare words weigh more: 招商 is in every article, 每年 in one.
            var weight = Weight(term);
            total += weight;
            hit += weight * Match(term, text);
        }
        return hit / total;
    }

    private double Specificity(IReadOnlyList<string> terms, int article) =>
        terms.Where(t => Match(t, _plainText[article]) >= 0.7).Select(Weight).DefaultIfEmpty(0).Max();

    private double Weight(string term) => Math.Log(1 + (double)_plainText.Count / Math.Max(1, DocumentFrequency(term)));

    private int DocumentFrequency(string term) =>
        _frequency.GetOrAdd(term, t => _plainText.Values.Count(text => Match(t, text) > 0));

    private double Match(string term, string text)
    {
        if (text.Contains(term, StringComparison.Ordinal)) return 1;
        if (_lexicon.SynonymsOf(term).Any(s => text.Contains(s, StringComparison.Ordinal))) return 0.7; // good evidence, the word itself better
        if (term.Length >= 3 && Bigrams(term).Count(b => text.Contains(b, StringComparison.Ordinal)) * 2 > term.Length - 1)
            return 0.5; // most of a long word is there
        return 0;
    }

    private static IEnumerable<string> Bigrams(string s)
    {
        for (var i = 0; i + 1 < s.Length; i++) yield return s.Substring(i, 2);
    }

    private static string Plain(string s) => s.Replace("“", "").Replace("”", "");

    private List<string> Tokens(string field, string text) => TokensWithOffsets(field, text).Select(t => t.Term).ToList();

    private List<(string Term, int Start, int End)> TokensWithOffsets(string field, string text)
    {
        var list = new List<(string, int, int)>();
        using var stream = _analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) list.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return list;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
