using System.Text.RegularExpressions;
using InvestBot.Storage;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Deployment;

/// <summary>infra/*.bicep: every template compiles and lints clean with the pinned Bicep CLI, and the compiled main
/// template holds what production needs.</summary>
[Trait("Category", "Deployment")]
public sealed partial class InfrastructureTemplateTests
{
    private static string InfraDir => Path.Combine(RepoPaths.Root, "infra");

    public static TheoryData<string> Templates() => new(Directory.GetFiles(InfraDir, "*.bicep", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(InfraDir, f)).Order());

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Every_template_compiles_and_lints_without_errors_or_warnings(string template)
    {
        var path = Path.Combine(InfraDir, template);

        var build = await BicepCli.RunAsync("build", path, "--stdout");
        var lint = await BicepCli.RunAsync("lint", path);

        Assert.True(build.ExitCode == 0, build.Stderr);
        Assert.StartsWith("{", build.Stdout.TrimStart());
        Assert.True(lint.ExitCode == 0, lint.Stdout + lint.Stderr);
        var diagnostics = Diagnostic().Matches(build.Stderr + lint.Stdout + lint.Stderr).Select(m => m.Value).ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    private static class Compiled
    {
        public static Task<JObject> Value => BicepCli.CompiledMainAsync();
    }

    /// <summary>Every resource, modules (nested deployments) included.</summary>
    private static IEnumerable<JObject> Resources(JObject template) => ((JArray)template["resources"]!).Cast<JObject>()
        .SelectMany(r => r.Value<string>("type") == "Microsoft.Resources/deployments"
            ? new[] { r }.Concat(Resources((JObject)r["properties"]!["template"]!))
            : new[] { r });

    private static async Task<JObject> OneAsync(string type) => Assert.Single(Resources(await Compiled.Value), r => r.Value<string>("type") == type);

    private static JObject ModuleTemplate(JObject main, string module) =>
        (JObject)Resources(main).Single(r => r.Value<string>("type") == "Microsoft.Resources/deployments" && r.Value<string>("name") == module)["properties"]!["template"]!;

    [Fact]
    public async Task The_web_app_is_linux_dotnet_10_https_only_always_on_with_the_health_check_and_the_managed_identity()
    {
        var plan = await OneAsync("Microsoft.Web/serverfarms");
        Assert.Equal("linux", plan.Value<string>("kind"));
        Assert.True(plan["properties"]!.Value<bool>("reserved"));

        var site = await OneAsync("Microsoft.Web/sites");
        var config = site["properties"]!["siteConfig"]!;
        Assert.True(site["properties"]!.Value<bool>("httpsOnly"));
        Assert.Equal("DOTNETCORE|10.0", config.Value<string>("linuxFxVersion"));
        Assert.True(config.Value<bool>("alwaysOn"));
        Assert.Equal("/healthz", config.Value<string>("healthCheckPath"));
        Assert.Equal("UserAssigned", site["identity"]!.Value<string>("type"));
        await OneAsync("Microsoft.ManagedIdentity/userAssignedIdentities");
    }

    [Fact]
    public async Task The_bot_is_single_tenant_or_managed_identity_with_the_teams_channel_and_the_web_apps_endpoint()
    {
        var main = await Compiled.Value;
        Assert.Equal(new[] { "SingleTenant", "UserAssignedMSI" }, main["parameters"]!["botAppType"]!["allowedValues"]!.Values<string>());
        Assert.Equal("SingleTenant", main["parameters"]!["botAppType"]!.Value<string>("defaultValue"));

        var bot = await OneAsync("Microsoft.BotService/botServices");
        Assert.Equal(("azurebot", "global"), (bot.Value<string>("kind"), bot.Value<string>("location")));
        Assert.Equal("[parameters('appType')]", bot["properties"]!.Value<string>("msaAppType"));
        Assert.Equal("[parameters('endpoint')]", bot["properties"]!.Value<string>("endpoint"));
        var botModule = Resources(main).Single(r => r.Value<string>("name") == "bot");
        Assert.Contains("/api/messages", botModule["properties"]!["parameters"]!["endpoint"]!.Value<string>("value"));
        Assert.Contains("defaultHostName", botModule["properties"]!["parameters"]!["endpoint"]!.Value<string>("value"));

        var teams = await OneAsync("Microsoft.BotService/botServices/channels");
        Assert.Equal("MsTeamsChannel", teams["properties"]!.Value<string>("channelName"));
        Assert.True(teams["properties"]!["properties"]!.Value<bool>("isEnabled"));
    }

    [Fact]
    public async Task Storage_gives_the_identity_table_and_queue_data_roles_and_shared_keys_can_be_switched_off()
    {
        var main = await Compiled.Value;
        Assert.False(main["parameters"]!["allowSharedKeyAccess"]!.Value<bool>("defaultValue"));
        var account = await OneAsync("Microsoft.Storage/storageAccounts");
        Assert.Equal("[parameters('allowSharedKeyAccess')]", account["properties"]!.Value<string>("allowSharedKeyAccess"));

        var storage = ModuleTemplate(main, "storage");
        var roles = ((JObject)storage["variables"]!).Properties().Select(p => p.Value.ToString()).ToList();
        Assert.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", roles); // Storage Table Data Contributor
        Assert.Contains("974c5e8b-45b9-4653-ba55-5f855dd0fb88", roles); // Storage Queue Data Contributor
        var assignments = Resources(storage).Where(r => r.Value<string>("type") == "Microsoft.Authorization/roleAssignments").ToList();
        Assert.Equal(2, assignments.Count);
        Assert.All(assignments, a => Assert.Equal("[parameters('principalId')]", a["properties"]!.Value<string>("principalId")));
        Assert.Equal(new[] { "storageQueueDataContributor", "storageTableDataContributor" },
            assignments.Select(a => Regex.Match(a["properties"]!.Value<string>("roleDefinitionId")!, @"variables\('(\w+)'\)").Groups[1].Value).Order());
    }

    [Fact]
    public async Task Application_Insights_sits_on_a_Log_Analytics_workspace()
    {
        var insights = await OneAsync("Microsoft.Insights/components");
        await OneAsync("Microsoft.OperationalInsights/workspaces");
        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights["properties"]!.Value<string>("WorkspaceResourceId"));
    }

    [Fact]
    public async Task The_app_settings_are_keys_the_app_reads_and_the_outputs_feed_the_toolkit()
    {
        var main = await Compiled.Value;
        var settings = ((JObject)ModuleTemplate(main, "app")["variables"]!["baseSettings"]!).Properties().Select(p => p.Name).ToList();
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings);
        Assert.Contains("MicrosoftAppType", settings);
        var storageKeys = typeof(StorageAccountOptions).GetProperties().Select(p => "InvestBot__Storage__" + p.Name).ToList();
        Assert.All(settings.Where(s => s.StartsWith("InvestBot__Storage__")), s => Assert.Contains(s, storageKeys));
        Assert.Contains("InvestBot__Storage__ManagedIdentityClientId", settings);
        Assert.Contains("InvestBot__Storage__AccountName", settings);
        Assert.Contains("InvestBot__Storage__EndpointSuffix", settings);

        var outputs = ((JObject)main["outputs"]!).Properties().Select(p => p.Name).ToList();
        Assert.Subset(outputs.ToHashSet(), new HashSet<string> { "BOT_ID", "BOT_DOMAIN", "BOT_AZURE_APP_SERVICE_RESOURCE_ID", "appSettings" });
    }

    [GeneratedRegex(@"(?m)^.*\b(Error|Warning) [A-Za-z-]*\d*:? .*$|^.*: (Error|Warning) .*$")]
    private static partial Regex Diagnostic();
}
