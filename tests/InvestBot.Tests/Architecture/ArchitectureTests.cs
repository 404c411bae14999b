using Xunit;
using Xunit.Abstractions;

namespace InvestBot.Tests.Architecture;

/// <summary>The folder rules of docs/architecture.md, checked on the compiled bot.</summary>
[Trait("Category", "Unit")]
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    /// <summary>The shared kernel: what every capability builds on. It must not know any capability.</summary>
    private static readonly string[] Kernel = ["Common", "Storage", "Organization", "Conversations", "Access", "Scheduling", "Teams", "Announcements"];

    private const string CompositionRoot = "Hosting";

    private static readonly Lazy<FolderDependencyGraph> Graph = new(() =>
        FolderDependencyGraph.Of(typeof(InvestBot.Teams.CommandRequest).Assembly.Location));

    [Fact]
    public void No_cycle_between_the_top_level_folders()
    {
        output.WriteLine(Graph.Value.ToString());
        var cycle = Graph.Value.FindCycle();
        Assert.True(cycle is null, "cycle: " + string.Join(" → ", cycle ?? []));
    }

    [Fact]
    public void The_kernel_references_no_capability()
    {
        var capabilities = Graph.Value.Edges.Keys.Except(Kernel).Where(f => f != CompositionRoot).ToList();
        Assert.Contains("Reporting", capabilities); // the graph really was read
        foreach (var folder in Kernel)
        {
            var used = Graph.Value.Edges.GetValueOrDefault(folder) ?? [];
            Assert.True(!used.Overlaps(capabilities), $"{folder} uses {string.Join(", ", used.Intersect(capabilities))}");
        }
    }

    [Fact]
    public void KeyProjects_does_not_depend_on_Ranking()
    {
        // Both publish through the kernel's announcement delivery, each registering its own kinds, so neither needs the other.
        Assert.Contains("Announcements", Graph.Value.Edges["Ranking"]);
        Assert.Contains("Announcements", Graph.Value.Edges["KeyProjects"]);
        Assert.DoesNotContain("Ranking", Graph.Value.Edges["KeyProjects"]);
    }

    [Fact]
    public void The_rest_of_the_kernel_stays_below_Announcements()
    {
        // The delivery builds on Teams, Storage, Conversations and Access, never the other way round.
        Assert.Contains("Teams", Graph.Value.Edges["Announcements"]);
        var users = Kernel.Where(f => f != "Announcements" && Graph.Value.Edges.GetValueOrDefault(f)?.Contains("Announcements") == true).ToList();
        Assert.Empty(users);
    }

    [Fact]
    public void Only_the_composition_root_sees_Hosting()
    {
        var users = Graph.Value.Edges.Where(e => e.Key != CompositionRoot && e.Value.Contains(CompositionRoot)).Select(e => e.Key).ToList();
        Assert.Empty(users);
        Assert.Contains("Reporting", Graph.Value.Edges[CompositionRoot]);
    }

    [Fact]
    public void The_graph_sees_a_dependency_that_only_a_method_body_has()
    {
        // Hosting's ServiceRegistration reaches the Teams kernel only inside method bodies (DI registrations).
        Assert.Contains("Teams", Graph.Value.Edges[CompositionRoot]);
        Assert.Contains("Storage", Graph.Value.Edges["Teams"].Concat(Graph.Value.Edges["Conversations"]));
    }
}
