using System.Text.Json;

namespace InvestBot.Knowledge;

/// <summary>The questions about how the office works that the bot answers from its own settings.</summary>
public enum ProcessTopic
{
    /// <summary>几号前报: the reporting window.</summary>
    Deadline,
    /// <summary>多久通报一次: monthly ranking, quarterly/half-year/annual 约谈.</summary>
    Frequency,
    /// <summary>落后了会怎样: the 约谈 rule of （二十七）.</summary>
    Consequence,
    /// <summary>填错了怎么改: resubmitting, 重新开放 — the office's settings only; the notice says nothing about it.</summary>
    Correction,
}

/// <summary>A process question's topic and the articles of the notice behind the answer (none: an office setting only).</summary>
public sealed record ProcessQuestion(ProcessTopic Topic, IReadOnlyList<int> Articles);

/// <summary>
/// Recognises questions about the bot's own process (Data/process-questions.json, editable): a question is a topic's when
/// it has a word of every one of the topic's word groups and none of its excluded words. Topics are tried in file order.
/// </summary>
public sealed class ProcessQuestions
{
    private readonly IReadOnlyList<Rule> _rules;

    private ProcessQuestions(IReadOnlyList<Rule> rules) => _rules = rules;

    public ProcessQuestion? Match(string question)
    {
        var q = new string(question.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)).ToArray());
        return _rules.FirstOrDefault(r => r.Matches(q))?.Question;
    }

    public static ProcessQuestions Load(string path, PolicyDocument document)
    {
        var file = JsonSerializer.Deserialize<FileShape>(File.ReadAllText(path), new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        }) ?? throw new InvalidDataException($"{path} 为空");
        var rules = new List<Rule>();
        foreach (var topic in file.Topics ?? [])
        {
            if (!Enum.TryParse<ProcessTopic>(topic.Id, ignoreCase: true, out var id))
                throw new InvalidDataException($"process-questions.json：未知的主题 {topic.Id}（可用：{string.Join("、", Enum.GetNames<ProcessTopic>())}）");
            // An empty list says the answer is the office's setting only (the notice says nothing); it must be written out.
            if (topic.Articles is null || topic.Articles.Any(n => document.Article(n) is null))
                throw new InvalidDataException($"process-questions.json：主题 {topic.Id} 的 articles 必须是文件中存在的条款编号（文件没有规定时写 []）");
            if (topic.All is not { Count: > 0 } || topic.All.Any(g => g.Count == 0))
                throw new InvalidDataException($"process-questions.json：主题 {topic.Id} 的 all 至少要有一组词");
            rules.Add(new Rule(new ProcessQuestion(id, topic.Articles), topic.All, topic.None ?? []));
        }
        return new ProcessQuestions(rules);
    }

    private sealed record Rule(ProcessQuestion Question, IReadOnlyList<List<string>> All, IReadOnlyList<string> None)
    {
        public bool Matches(string q) =>
            All.All(group => group.Any(w => q.Contains(w, StringComparison.Ordinal)))
            && !None.Any(w => q.Contains(w, StringComparison.Ordinal));
    }

    private sealed record TopicShape(string Id, List<int>? Articles, List<List<string>>? All, List<string>? None);

    private sealed record FileShape(List<TopicShape>? Topics);
}
