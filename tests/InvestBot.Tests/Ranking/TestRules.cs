using InvestBot.Common;
using InvestBot.Ranking;
using InvestBot.Tests.Infrastructure;

namespace InvestBot.Tests.Ranking;

/// <summary>Small ranking rules for calculator tests, and the shipped rules file with an edit.</summary>
public static class TestRules
{
    private const string Office = RuleSource.Office + "：测试";

    /// <summary>街镇 (capital 60, projects 40), summoned; optionally 区直部门 the same way; 走出去招商组 checked, not ranked.</summary>
    public static RankingRules Make(int count = 3, InterviewScope scope = InterviewScope.PerCategory,
        NotReportedRule notReported = NotReportedRule.RankLast, decimal maxShare = 0.5m, bool withDepartments = false,
        decimal minRankedShare = 0)
    {
        var weights = new List<KeyValuePair<string, decimal>> { new("domesticCapital", 60), new("domesticProjects", 40) };
        var keys = new List<string> { "domesticCapital", "domesticProjects" };
        var categories = new List<CategoryRule> { new("街镇", true, true, "（二十七）各街镇", weights, Office, keys) };
        if (withDepartments) categories.Add(new("区直部门", true, true, "（二十七）区直各单位", weights, Office, keys));
        categories.Add(new("走出去招商组", false, false, "（二十八）", [], null, ["groupInvestment", "groupEnterprises"]));
        return new RankingRules(categories, new(1.5m, Office),
            new InterviewRule(new(count, "（二十七）后三位"), new(scope, Office), new(maxShare, Office), new(minRankedShare, Office), "（二十七）", "（二十七）", Office),
            new(notReported, Office), Office);
    }

    /// <summary>The shipped ranking-weights.json after <paramref name="edit"/>, loaded from a temporary copy.</summary>
    public static RankingRules Load(Func<string, string> edit)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "ranking-weights.json");
        File.WriteAllText(path, edit(File.ReadAllText(RepoPaths.SourceData("ranking-weights.json"))));
        return RankingRules.Load(path);
    }
}
