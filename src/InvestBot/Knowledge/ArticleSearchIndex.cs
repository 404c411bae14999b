using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace InvestBot.Knowledge;

/// <param name="Coverage">Share of the question's words (weighted by rarity) the article contains.</param>
/// <param name="Specificity">Rarity of the rarest question word the article contains: low when only words
/// found everywhere (招商, 工作, 项目) matched.</param>
public sealed record SearchHit(PolicyArticle Article, float Score, double Coverage, double Specificity);

/// <param name="Terms">The question's words of two characters or more: what coverage is measured in.</param>
public sealed record SearchQuery(string Topic, IReadOnlyList<string> Words, IReadOnlyList<string> Bigrams, IReadOnlyList<string> Terms);

/// <summary>
/// BM25 full-text search over the articles. Every text is indexed twice: as SmartCn words (precise) and as CJK
/// bigrams (robust to words SmartCn splits differently). Lucene builds the index at start-up; its statistics are
/// then kept as plain tables (<see cref="Bm25Table"/>) and the index is dropped, so a question costs one SmartCn and
/// one bigram analysis plus dictionary look-ups. Synonyms are analysed once, at start-up.
/// </summary>
public sealed partial class ArticleSearchIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const float SynonymWeight = 0.3f;
    // Both word fields share the SmartCn analysis, all four bigram fields the bigram analysis.
    private static readonly (string Field, float Boost, bool Words)[] Fields =
    [
        ("title_sm", 2f, true), ("title_bi", 2f, false), ("body_sm", 1f, true), ("body_bi", 1f, false),
        ("units_bi", 0.6f, false), ("section_bi", 0.5f, false),
    ];

    private readonly KnowledgeLexicon _lexicon;
    private readonly Analyzer _words = new SmartChineseAnalyzer(Version);
    private readonly Analyzer _bigrams = new CJKAnalyzer(Version);
    private readonly Bm25Table[] _tables;
    /// <summary>Lucene document id → article.</summary>
    private readonly PolicyArticle[] _articles;
    /// <summary>Article text without quotation marks, by document id (for coverage and verbatim stretches).</summary>
    private readonly string[] _plainText;
    private readonly Dictionary<string, (string[] Words, string[] Bigrams)> _synonymTokens = new(StringComparer.Ordinal);
    /// <summary>The lexicon's words of two characters or more, longest first.</summary>
    private readonly string[] _phrases;

    public ArticleSearchIndex(PolicyDocument document, KnowledgeLexicon lexicon)
    {
        _lexicon = lexicon;
        using var directory = new RAMDirectory();
        var analyzer = new PerFieldAnalyzerWrapper(_words, Fields.Where(f => !f.Words).ToDictionary(f => f.Field, _ => _bigrams));
        var config = new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var article in document.Articles)
            {
                var section = document.SectionOf(article).Title;
                writer.AddDocument(new Document
                {
                    new TextField("title_sm", Plain(article.Title), Field.Store.NO),
                    new TextField("title_bi", Plain(article.Title), Field.Store.NO),
                    new TextField("body_sm", Plain(article.Body), Field.Store.NO),
                    new TextField("body_bi", Plain(article.Body), Field.Store.NO),
                    new TextField("units_bi", article.ResponsibleText ?? "", Field.Store.NO),
                    new TextField("section_bi", section, Field.Store.NO),
                });
            }
            // One segment: document ids are the order the articles were added in.
            writer.ForceMerge(1);
            writer.Commit();
        }
        using (var reader = DirectoryReader.Open(directory))
        {
            var leaf = reader.Leaves.Single().AtomicReader;
            _tables = Fields.Select(f => Bm25Table.Read(leaf, f.Field)).ToArray();
        }
        _articles = document.Articles.ToArray();
        _plainText = _articles.Select(a => Plain(a.Title + a.Body + (a.ResponsibleText ?? ""))).ToArray();
        _phrases = lexicon.Synonyms.SelectMany(g => g).Distinct().Where(w => w.Length >= 2).OrderByDescending(w => w.Length).ToArray();
        foreach (var word in lexicon.Synonyms.SelectMany(g => g).Distinct())
            _synonymTokens[word] = (Analyze(_words, word).Select(t => t.Term).ToArray(), Analyze(_bigrams, word).Select(t => t.Term).ToArray());
    }

    /// <summary>
    /// The best articles for the question's topic words, with the share of those words each article contains
    /// (synonyms count), so callers can tell a real match from a weak one.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(string topic, int max = 5, Func<PolicyArticle, float>? boost = null) =>
        Search(Prepare(topic), max, boost);

    /// <summary>The question's topic analysed once (SmartCn words, bigrams, the words coverage is measured in).</summary>
    public SearchQuery Prepare(string topic)
    {
        var wordTokens = Analyze(_words, topic);
        return new SearchQuery(topic, wordTokens.Select(t => t.Term).Distinct().ToList(),
            Analyze(_bigrams, topic).Select(t => t.Term).Distinct().ToList(), TopicTerms(topic, wordTokens));
    }

    public IReadOnlyList<SearchHit> Search(SearchQuery query, int max = 5, Func<PolicyArticle, float>? boost = null)
    {
        var (topic, words, bigramTokens, terms) = query;
        var synonymWords = new List<string>();
        var synonymBigrams = new List<string>();
        foreach (var synonym in _lexicon.ExpansionOf(topic))
        {
            var (w, b) = _synonymTokens[synonym];
            synonymWords.AddRange(w);
            synonymBigrams.AddRange(b);
        }

        // Lucene's clause order: every field's own words, then every field's synonyms (summed in double, as its scorers do).
        var scores = new double[_articles.Length];
        var matched = new bool[_articles.Length];
        for (var f = 0; f < Fields.Length; f++)
            foreach (var term in Fields[f].Words ? words : bigramTokens)
                _tables[f].AddScores(term, Fields[f].Boost, scores, matched);
        // Synonyms widen recall but must not outvote the words the person actually used.
        for (var f = 0; f < Fields.Length; f++)
        {
            var own = Fields[f].Words ? words : bigramTokens;
            foreach (var term in (Fields[f].Words ? synonymWords : synonymBigrams).Distinct())
                if (!own.Contains(term)) _tables[f].AddScores(term, Fields[f].Boost * SynonymWeight, scores, matched);
        }
        if (!matched.Contains(true)) return [];

        var evidence = new Evidence(this, terms);
        var hits = new List<SearchHit>();
        for (var doc = 0; doc < _articles.Length; doc++)
        {
            if (!matched[doc]) continue;
            var article = _articles[doc];
            var coverage = evidence.Coverage(doc);
            // Coverage of the question's own (rare) words matters as much as raw BM25: it keeps one
            // frequent word repeated in a long article from winning.
            var score = (float)scores[doc] * (float)Math.Pow(0.1 + coverage, 2) * PhraseBonus(topic, doc) * (boost?.Invoke(article) ?? 1f);
            hits.Add(new SearchHit(article, score, coverage, evidence.Specificity(doc)));
        }
        // Stable on ties, in document order, as Lucene returned equal scores.
        return hits.OrderByDescending(h => h.Score).Take(max).ToList();
    }

    /// <summary>A long stretch of the question found verbatim in the article (服务型总部型企业) is strong evidence.</summary>
    private float PhraseBonus(string topic, int doc)
    {
        var text = _plainText[doc];
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
    public IReadOnlyList<string> TopicTerms(string topic) => TopicTerms(topic, Analyze(_words, topic));

    /// Runs of single characters SmartCn does not know (服贸会 → 服/贸/会) are joined back into one term. A lexicon word
    /// that SmartCn cuts into single characters or into pieces the notice never uses (服务贸易交易会 → 服务/贸易/交易会,
    /// 借展会 → 借/展/会) is kept whole, so it and its synonyms can match. A count the notice never uses (两个, 五个)
    /// says how many, not what about, and is left out.
    private List<string> TopicTerms(string topic, List<(string Term, int Start, int End)> tokens)
    {
        var terms = new List<string>();
        var covered = new bool[topic.Length];
        foreach (var word in _phrases)
            for (var at = topic.IndexOf(word, StringComparison.Ordinal); at >= 0; at = topic.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                if (covered.AsSpan(at, word.Length).Contains(true)) continue;
                var end = at + word.Length;
                // Only where SmartCn's words line up with it: 年内 in 今年内资 is not meant.
                if (tokens.Any(t => (t.Start < at && t.End > at) || (t.Start < end && t.End > end))) continue;
                var pieces = tokens.Where(t => t.Start >= at && t.End <= end).ToList();
                if (pieces.Count == 0 || (pieces.Count == 1 && pieces[0].Term == word)) continue; // SmartCn knows the word itself
                if (!pieces.All(p => p.Term.Length == 1) && pieces.All(p => p.Term.Length == 1 || InNotice(p.Term))) continue;
                covered.AsSpan(at, word.Length).Fill(true);
                terms.Add(word);
            }
        string? run = null;
        var runEnd = -1;
        foreach (var (term, start, end) in tokens)
        {
            if (end <= covered.Length && covered.AsSpan(start, end - start).Contains(true)) continue;
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
            if ((term.Length >= 2 && !(Count().IsMatch(term) && !InNotice(term))) || char.IsAsciiDigit(term[0])) terms.Add(term);
        }
        Flush(run);
        return terms.Distinct().ToList();

        void Flush(string? pending)
        {
            if (pending is { Length: >= 2 } && !(Count().IsMatch(pending) && !InNotice(pending))) terms.Add(pending);
        }
    }

    /// <summary>How well each article matches each of the question's words, computed once per question.</summary>
    private sealed class Evidence
    {
        private readonly double[] _weights;
        private readonly double[,] _match;
        private readonly double _totalWeight;

        public Evidence(ArticleSearchIndex index, IReadOnlyList<string> terms)
        {
            var docs = index._plainText.Length;
            _weights = new double[terms.Count];
            _match = new double[terms.Count, docs];
            for (var t = 0; t < terms.Count; t++)
            {
                var synonyms = index._lexicon.SynonymsOf(terms[t]);
                var frequency = 0;
                for (var d = 0; d < docs; d++)
                {
                    _match[t, d] = Match(terms[t], synonyms, index._plainText[d]);
                    if (_match[t, d] > 0) frequency++;
                }
                // Rare words weigh more: 招商 is in every article, 每年 in one.
                _weights[t] = Math.Log(1 + (double)docs / Math.Max(1, frequency));
                _totalWeight += _weights[t];
            }
        }

        public double Coverage(int doc)
        {
            if (_weights.Length == 0) return 0;
            double hit = 0;
            for (var t = 0; t < _weights.Length; t++) hit += _weights[t] * _match[t, doc];
            return hit / _totalWeight;
        }

        public double Specificity(int doc)
        {
            double best = 0;
            for (var t = 0; t < _weights.Length; t++)
                if (_match[t, doc] >= 0.7) best = Math.Max(best, _weights[t]);
            return best;
        }

        private static double Match(string term, IReadOnlyList<string> synonyms, string text)
        {
            if (text.Contains(term, StringComparison.Ordinal)) return 1;
            foreach (var s in synonyms)
                if (text.Contains(s, StringComparison.Ordinal)) return 0.7; // good evidence, the word itself better
            if (term.Length >= 3)
            {
                var found = 0;
                for (var i = 0; i + 1 < term.Length; i++)
                    if (text.Contains(term.AsSpan(i, 2), StringComparison.Ordinal)) found++;
                if (found * 2 > term.Length - 1) return 0.5; // most of a long word is there
            }
            return 0;
        }
    }

    private bool InNotice(string term) => _plainText.Any(t => t.Contains(term, StringComparison.Ordinal));

    [System.Text.RegularExpressions.GeneratedRegex("^[一二三四五六七八九十两几0-9]+[个条家名次组项类种位人]$")]
    private static partial System.Text.RegularExpressions.Regex Count();

    private static string Plain(string s) => s.Replace("“", "").Replace("”", "");

    private static List<(string Term, int Start, int End)> Analyze(Analyzer analyzer, string text)
    {
        var list = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream("q", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) list.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return list;
    }

    public void Dispose()
    {
        _words.Dispose();
        _bigrams.Dispose();
    }
}
