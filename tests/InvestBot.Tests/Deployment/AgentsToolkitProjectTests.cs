using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InvestBot.Tests.Infrastructure;
using Json.Schema;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Deployment;

/// <summary>
/// The Microsoft 365 Agents Toolkit project: m365agents.yml against the toolkit's own YAML schema, and every
/// ${{…}} placeholder (in the yml, the ARM parameters and the manifest template) defined by an environment file or
/// written by an earlier step.
/// </summary>
[Trait("Category", "Deployment")]
public sealed partial class AgentsToolkitProjectTests
{
    private static readonly string[] Environments = ["dev", "prod"];

    private static string Read(params string[] parts) => File.ReadAllText(Path.Combine([RepoPaths.Root, .. parts]));

    // Loaded once: JsonSchema.Net registers a schema by its id and refuses to register it twice.
    private static readonly Lazy<JsonSchema> ToolkitSchema = new(() => JsonSchema.FromFile(RepoPaths.TestData("schemas", "m365agents-yaml-v1.13.schema.json")));

    private static JsonSchema Schema() => ToolkitSchema.Value;

    private static EvaluationResults Validate(string yaml)
    {
        var json = YamlJson.Parse(yaml)!.ToJsonString();
        using var document = JsonDocument.Parse(json);
        return Schema().Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Errors(EvaluationResults results) => string.Join("\n", results.Details
        .Where(d => d.Errors is { Count: > 0 })
        .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}")).Take(30));

    [Fact]
    public void The_project_file_is_valid_against_the_toolkits_yaml_schema()
    {
        var yaml = Read("m365agents.yml");
        var results = Validate(yaml);

        Assert.True(results.IsValid, Errors(results));
        Assert.Equal("v1.13", YamlJson.Parse(yaml)!["version"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("      outputFolder: ./manifest/build\n", "")] // zipAppPackage without a required parameter
    [InlineData("uses: arm/deploy", "uses: arm/deploy-everything")] // an action that does not exist
    [InlineData("generateClientSecret: true", "generateClientSecret: \"true\"")] // a string where the schema wants a boolean
    public void The_schema_check_catches_mistakes(string original, string broken)
    {
        var yaml = Read("m365agents.yml");
        Assert.Contains(original, yaml);

        Assert.False(Validate(ReplaceFirst(yaml, original, broken)).IsValid);
    }

    [Fact]
    public void Provision_creates_a_single_tenant_bot_deploys_the_bicep_and_builds_the_package_from_the_manifest_template()
    {
        var project = YamlJson.Parse(Read("m365agents.yml"))!;
        var provision = project["provision"]!.AsArray().Select(a => a!).ToList();
        string Uses(JsonNode a) => a["uses"]!.GetValue<string>();

        var aad = provision.Single(a => Uses(a) == "aadApp/create");
        Assert.Equal("AzureADMyOrg", aad["with"]!["signInAudience"]!.GetValue<string>());
        Assert.Equal("BOT_ID", aad["writeToEnvironmentFile"]!["clientId"]!.GetValue<string>());
        var arm = provision.Single(a => Uses(a) == "arm/deploy")["with"]!["templates"]![0]!;
        Assert.Equal("./infra/main.bicep", arm["path"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, arm["parameters"]!.GetValue<string>())));
        Assert.Equal("./manifest/manifest.json", provision.Single(a => Uses(a) == "teamsApp/zipAppPackage")["with"]!["manifestPath"]!.GetValue<string>());
        Assert.True(provision.FindIndex(a => Uses(a) == "arm/deploy") < provision.FindIndex(a => Uses(a) == "teamsApp/zipAppPackage"),
            "the package needs BOT_DOMAIN from the deployment");

        var deploy = project["deploy"]!.AsArray().Select(a => Uses(a!)).ToList();
        Assert.Equal(new[] { "cli/runDotnetCommand", "azureAppService/zipDeploy" }, deploy);
    }

    [Fact]
    public async Task Every_arm_parameter_is_a_parameter_of_main_bicep()
    {
        var declared = ((JObject)(await BicepCli.CompiledMainAsync())["parameters"]!).Properties().Select(p => p.Name).ToHashSet();
        var given = ((JObject)JObject.Parse(Read("infra", "main.parameters.json"))["parameters"]!).Properties().Select(p => p.Name).ToList();

        Assert.All(given, p => Assert.Contains(p, declared));
        Assert.Contains("baseName", given);
    }

    [Fact]
    public async Task Every_placeholder_is_defined_in_each_environment_file_or_written_by_an_earlier_step()
    {
        var project = Read("m365agents.yml");
        var written = WrittenVariables(project).ToHashSet();
        written.UnionWith(((JObject)(await BicepCli.CompiledMainAsync())["outputs"]!).Properties().Select(p => p.Name));

        var used = new[] { project, Read("infra", "main.parameters.json"), Read("manifest", "manifest.json") }
            .SelectMany(text => Placeholder().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Contains("BOT_DOMAIN", used);

        foreach (var environment in Environments)
        {
            var defined = Read("env", ".env." + environment).Split('\n')
                .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
                .Select(l => l[..l.IndexOf('=')]).ToHashSet();
            Assert.Equal(environment, Read("env", ".env." + environment).Split('\n').Single(l => l.StartsWith("TEAMSFX_ENV="))["TEAMSFX_ENV=".Length..].Trim());
            var missing = used.Where(v => !defined.Contains(v) && !written.Contains(v)).ToList();
            Assert.True(missing.Count == 0, $"env/.env.{environment} lacks {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public async Task The_manifest_template_filled_as_the_toolkit_fills_it_is_a_valid_teams_manifest_with_the_bots_domain()
    {
        var values = new Dictionary<string, string>
        {
            ["TEAMS_APP_ID"] = Guid.NewGuid().ToString(), ["BOT_ID"] = Guid.NewGuid().ToString(), ["BOT_DOMAIN"] = "app-investbotdev-abc.azurewebsites.net",
        };
        var filled = Placeholder().Replace(Read("manifest", "manifest.json"), m => values[m.Groups[1].Value]);

        var schema = await NJsonSchema.JsonSchema.FromFileAsync(RepoPaths.TestData("schemas", "teams-manifest-1.25.schema.json"));
        var errors = schema.Validate(filled);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var manifest = JObject.Parse(filled);
        Assert.Equal(new[] { values["BOT_DOMAIN"] }, manifest["validDomains"]!.Values<string>());
        Assert.Equal(values["TEAMS_APP_ID"], manifest.Value<string>("id"));
        Assert.Equal(values["BOT_ID"], manifest["bots"]![0]!.Value<string>("botId"));
    }

    /// <summary>Variables that provision steps write into the environment file (writeToEnvironmentFile values).</summary>
    private static IEnumerable<string> WrittenVariables(string project)
    {
        foreach (var stage in new[] { "provision", "deploy", "publish" })
            foreach (var action in YamlJson.Parse(project)![stage]?.AsArray() ?? [])
                if (action!["writeToEnvironmentFile"] is JsonObject written)
                    foreach (var (_, variable) in written)
                        yield return variable!.GetValue<string>();
    }

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        var at = text.IndexOf(original, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + original.Length)..];
    }

    [GeneratedRegex(@"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
