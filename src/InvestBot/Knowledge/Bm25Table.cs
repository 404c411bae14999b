using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace InvestBot.Knowledge;

/// <summary>
/// One indexed field's BM25 statistics, read out of the Lucene index once at start-up, so a question is scored with
/// dictionary look-ups instead of a Lucene query (term-dictionary seeks, weights, scorers and locks for 30 documents).
/// The arithmetic is Lucene 4.8's BM25Similarity (k1 = 1.2, b = 0.75, its one-byte length norms, floats), so the
/// scores are Lucene's.
/// </summary>
public sealed class Bm25Table
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;
    private readonly Dictionary<string, (float Idf, (int Doc, float Freq)[] Postings)> _terms;
    private readonly float[] _lengthFactor;

    private Bm25Table(Dictionary<string, (float, (int, float)[])> terms, float[] lengthFactor)
    {
        _terms = terms;
        _lengthFactor = lengthFactor;
    }

    public static Bm25Table Read(AtomicReader reader, string field)
    {
        var maxDoc = reader.MaxDoc;
        var terms = new Dictionary<string, (float, (int, float)[])>(StringComparer.Ordinal);
        long sumTotalTermFreq = 0;
        if (reader.GetTerms(field) is { } fieldTerms)
        {
            sumTotalTermFreq = fieldTerms.SumTotalTermFreq;
            var termsEnum = fieldTerms.GetEnumerator();
            while (termsEnum.MoveNext())
            {
                var postings = new List<(int, float)>();
                var docs = termsEnum.Docs(reader.LiveDocs, null, DocsFlags.FREQS);
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) postings.Add((docs.DocID, docs.Freq));
                var idf = (float)Math.Log(1 + (maxDoc - termsEnum.DocFreq + 0.5D) / (termsEnum.DocFreq + 0.5D));
                terms[termsEnum.Term.Utf8ToString()] = (idf, postings.ToArray());
            }
        }
        // Lucene 4.8 divides by maxDoc, not by the documents having the field.
        var avgLength = sumTotalTermFreq <= 0 ? 1f : (float)(sumTotalTermFreq / (double)maxDoc);
        var norms = reader.GetNormValues(field);
        var lengthFactor = new float[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (norms is null) { lengthFactor[doc] = K1; continue; }
            var f = SmallSingle.SByte315ToSingle((sbyte)norms.Get(doc));
            lengthFactor[doc] = K1 * ((1 - B) + B * (1.0f / (f * f)) / avgLength);
        }
        return new Bm25Table(terms, lengthFactor);
    }

    /// <summary>Adds the term's BM25 score, weighted by <paramref name="boost"/>, to every document containing it.</summary>
    public void AddScores(string term, float boost, double[] scores, bool[] matched)
    {
        if (!_terms.TryGetValue(term, out var entry)) return;
        var weight = entry.Idf * boost * (K1 + 1);
        foreach (var (doc, freq) in entry.Postings)
        {
            scores[doc] += weight * freq / (freq + _lengthFactor[doc]);
            matched[doc] = true;
        }
    }
}
