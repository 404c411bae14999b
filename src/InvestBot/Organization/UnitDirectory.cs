using System.Text.Json;
using System.Text.Json.Serialization;

namespace InvestBot.Organization;

/// <summary>
/// The units the measures name, loaded from Data/units.json (edited by the office, not by developers).
/// Resolves official names and the short names people type.
/// </summary>
public sealed class UnitDirectory
{
    private readonly Dictionary<string, Unit> _byId;
    private readonly Dictionary<string, Unit> _byName;
    private readonly List<(string Text, Unit Unit)> _namesLongestFirst;

    public UnitDirectory(IEnumerable<UnitKind> kinds, IEnumerable<GroupWord> groupWords, IEnumerable<Unit> units)
    {
        Kinds = kinds.ToList();
        GroupWords = groupWords.ToList();
        Units = units.ToList();
        _byId = new(StringComparer.Ordinal);
        _byName = new(StringComparer.Ordinal);
        foreach (var unit in Units)
        {
            if (!Kinds.Any(k => k.Id == unit.Kind))
                throw new InvalidDataException($"单位 {unit.Name} 的类别 {unit.Kind} 未定义");
            if (!_byId.TryAdd(unit.Id, unit))
                throw new InvalidDataException($"单位 id 重复：{unit.Id}");
            foreach (var name in unit.Aliases.Prepend(unit.Name))
            {
                if (_byName.TryGetValue(name, out var other) && other.Id != unit.Id)
                    throw new InvalidDataException($"简称“{name}”同时指向 {other.Name} 和 {unit.Name}");
                _byName[name] = unit;
            }
        }
        _namesLongestFirst = _byName.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Key.Length).ToList();
    }

    public IReadOnlyList<Unit> Units { get; }
    public IReadOnlyList<UnitKind> Kinds { get; }
    public IReadOnlyList<GroupWord> GroupWords { get; }

    public Unit? FindById(string? id) => id is not null && _byId.TryGetValue(id, out var u) ? u : null;

    /// <summary>Exact official name or alias (whitespace-trimmed).</summary>
    public Unit? FindByName(string? name) =>
        name is not null && _byName.TryGetValue(name.Trim(), out var u) ? u : null;

    /// <summary>
    /// Every unit mentioned in free text, longest names first so that 京津中关村科技城公司 is not read
    /// as 科技城. Returned in order of first appearance.
    /// </summary>
    public IReadOnlyList<Unit> FindMentions(string text)
    {
        var taken = new bool[text.Length];
        var found = new List<(int Pos, Unit Unit)>();
        foreach (var (name, unit) in _namesLongestFirst)
        {
            var start = 0;
            while ((start = text.IndexOf(name, start, StringComparison.Ordinal)) >= 0)
            {
                if (!taken.AsSpan(start, name.Length).Contains(true))
                {
                    taken.AsSpan(start, name.Length).Fill(true);
                    if (!found.Any(f => f.Unit.Id == unit.Id)) found.Add((start, unit));
                }
                start += name.Length;
            }
        }
        return found.OrderBy(f => f.Pos).Select(f => f.Unit).ToList();
    }

    public IEnumerable<Unit> OfKind(string kind) => Units.Where(u => u.Kind == kind);

    public UnitKind KindOf(Unit unit) => Kinds.First(k => k.Id == unit.Kind);

    /// <summary>The group word for a collective mention, e.g. 各街镇 → every town; null when the word is unknown.</summary>
    public GroupWord? FindGroupWord(string word) => GroupWords.FirstOrDefault(g => g.Word == word.Trim());

    public static UnitDirectory Load(string path)
    {
        var file = JsonSerializer.Deserialize<UnitsFile>(File.ReadAllText(path), JsonOptions)
                   ?? throw new InvalidDataException($"{path} 为空");
        return new UnitDirectory(
            file.Kinds.Select(k => new UnitKind(k.Id, k.Name, k.RankingCategory)),
            file.GroupWords.Select(g => new GroupWord(g.Word, g.Kind, g.Remark)),
            file.Units.Select(u => new Unit(u.Id, u.Name, u.Kind, u.Aliases ?? [], u.Reports ?? true, u.Note)
            {
                // Who does not report is a rule of its own: the article that makes the unit a supervising body, or the office's choice.
                ReportsSource = u.Reports == false ? Common.RuleSource.Require(u.ReportsSource, $"units.json {u.Name}.reportsSource") : u.ReportsSource,
                // Whose staff the office may make read-only 督查 users: only where the document gives the unit that role.
                SupervisorSource = u.SupervisorSource is null ? null : Common.RuleSource.Require(u.SupervisorSource, $"units.json {u.Name}.supervisorSource"),
            }));
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record UnitsFile(List<KindDto> Kinds, List<GroupWordDto> GroupWords, List<UnitDto> Units);
    private sealed record KindDto(string Id, string Name, string? RankingCategory);
    private sealed record GroupWordDto(string Word, string? Kind, string? Remark);
    private sealed record UnitDto(string Id, string Name, string Kind, List<string>? Aliases, bool? Reports, string? Note, string? ReportsSource,
        string? SupervisorSource = null);
}
