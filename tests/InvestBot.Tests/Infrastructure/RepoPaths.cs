namespace InvestBot.Tests.Infrastructure;

/// <summary>Finds the repository (and its pinned npm tools) from wherever the test binaries run.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestData(params string[] parts) =>
        Path.Combine(new[] { AppContext.BaseDirectory, "TestData" }.Concat(parts).ToArray());

    public static string SourceData(params string[] parts) =>
        Path.Combine(new[] { Root, "src", "InvestBot", "Data" }.Concat(parts).ToArray());

    /// <summary>A binary from node_modules/.bin (installed by scripts/setup.sh from package-lock.json).</summary>
    public static string NodeTool(string name)
    {
        var dir = Environment.GetEnvironmentVariable("INVESTBOT_NODE_MODULES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Root, "node_modules");
        var path = Path.Combine(dir, ".bin", name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: run scripts/setup.sh (npm ci) first.");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InvestBot.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("InvestBot.sln not found above " + AppContext.BaseDirectory);
    }
}
