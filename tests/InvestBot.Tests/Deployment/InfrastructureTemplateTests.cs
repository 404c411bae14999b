using System.Text.RegularExpressions;
using InvestBot.Common;
using InvestBot.Hosting;
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

    /// <summary>main.bicep's validation-time check of the bot identity (the one top-level variable that can fail()),
    /// evaluated offline as Resource Manager evaluates it for the given parameters.</summary>
    private static async Task<object> IdentityCheckAsync(params (string Name, string Value)[] given)
    {
        var main = await Compiled.Value;
        var variables = ((JObject)main["variables"]!).Properties().ToDictionary(p => p.Name, p => p.Value.ToString());
        var parameters = ((JObject)main["parameters"]!).Properties()
            .Where(p => p.Value["defaultValue"] is JValue { Type: JTokenType.String } d && !((string)d!).StartsWith('['))
            .ToDictionary(p => p.Name, p => (object)p.Value.Value<string>("defaultValue")!);
        parameters["baseName"] = "investbot";
        foreach (var (name, value) in given) parameters[name] = value;
        var check = Assert.Single(variables, v => v.Value.Contains("fail("));
        return new ArmExpression(parameters, variables).Evaluate(check.Value);
    }

    [Fact]
    public async Task A_single_tenant_deployment_without_the_bots_app_id_or_secret_is_refused_at_validation()
    {
        var noId = await Assert.ThrowsAsync<ArmExpression.DeploymentFailed>(() => IdentityCheckAsync(("botAppPassword", "s3cret")));
        var noSecret = await Assert.ThrowsAsync<ArmExpression.DeploymentFailed>(() => IdentityCheckAsync(("botAppId", "0f6b7a4e-0000-4000-8000-000000000001")));
        var defaultsOnly = await Assert.ThrowsAsync<ArmExpression.DeploymentFailed>(() => IdentityCheckAsync());

        Assert.StartsWith("botAppId is required", noId.Message);
        Assert.StartsWith("botAppPassword is required", noSecret.Message);
        Assert.StartsWith("botAppId is required", defaultsOnly.Message); // SingleTenant is the default type
        Assert.Equal("0f6b7a4e-0000-4000-8000-000000000001",
            await IdentityCheckAsync(("botAppId", "0f6b7a4e-0000-4000-8000-000000000001"), ("botAppPassword", "s3cret")));
        Assert.Equal("", await IdentityCheckAsync(("botAppType", "UserAssignedMSI"))); // the managed identity needs neither
    }

    [Fact]
    public async Task The_checked_app_id_is_the_only_single_tenant_id_the_web_app_and_the_bot_get()
    {
        var main = await Compiled.Value;
        var check = Assert.Single(((JObject)main["variables"]!).Properties(), p => p.Value.ToString().Contains("fail("));
        var modules = Resources(main).Where(r => r.Value<string>("type") == "Microsoft.Resources/deployments").ToDictionary(r => r.Value<string>("name")!);

        foreach (var (module, parameter) in new[] { ("app", "botAppId"), ("bot", "appId") })
        {
            var value = modules[module]["properties"]!["parameters"]![parameter]!.ToString();
            Assert.Contains($"variables('{check.Name}')", value);
            Assert.DoesNotContain("parameters('botAppId')", value);
        }
        Assert.Equal("[parameters('botAppId')]", modules["app"]["properties"]!["template"]!["variables"]!["baseSettings"]!.Value<string>("MicrosoftAppId"));
    }

    [Fact]
    public async Task The_single_tenant_secret_is_a_Key_Vault_reference_read_by_the_web_apps_identity()
    {
        var main = await Compiled.Value;
        var keyVaultModule = Resources(main).Single(r => r.Value<string>("name") == "keyVault");
        Assert.Equal("[equals(parameters('botAppType'), 'SingleTenant')]", keyVaultModule.Value<string>("condition"));
        Assert.Equal("[parameters('botAppPassword')]", keyVaultModule["properties"]!["parameters"]!["secretValue"]!.Value<string>("value"));
        Assert.Contains("principalId", keyVaultModule["properties"]!["parameters"]!["principalId"]!.Value<string>("value"));

        var vault = await OneAsync("Microsoft.KeyVault/vaults");
        Assert.True(vault["properties"]!.Value<bool>("enableRbacAuthorization"));
        Assert.Null(vault["properties"]!["accessPolicies"]);
        var secret = await OneAsync("Microsoft.KeyVault/vaults/secrets");
        Assert.Equal("[parameters('secretValue')]", secret["properties"]!.Value<string>("value"));
        var keyVault = ModuleTemplate(main, "keyVault");
        Assert.Equal("securestring", keyVault["parameters"]!["secretValue"]!.Value<string>("type"));
        var reader = Assert.Single(Resources(keyVault), r => r.Value<string>("type") == "Microsoft.Authorization/roleAssignments");
        Assert.Equal("4633458b-17de-408a-b874-0445c86b69e6", keyVault["variables"]!.Value<string>("keyVaultSecretsUser")); // Key Vault Secrets User
        Assert.Contains("variables('keyVaultSecretsUser')", reader["properties"]!.Value<string>("roleDefinitionId"));
        Assert.Equal("[parameters('principalId')]", reader["properties"]!.Value<string>("principalId"));

        var app = ModuleTemplate(main, "app");
        Assert.DoesNotContain(((JObject)app["parameters"]!).Properties(), p => p.Value.Value<string>("type") == "securestring");
        Assert.Equal("@Microsoft.KeyVault(SecretUri={0})", Regex.Match(app["variables"]!.Value<string>("secretSettings")!,
            @"format\('(@Microsoft\.KeyVault\(SecretUri=\{0\}\))'").Groups[1].Value);
        var site = await OneAsync("Microsoft.Web/sites");
        Assert.Equal("[parameters('identityId')]", site["properties"]!.Value<string>("keyVaultReferenceIdentity"));
        Assert.Contains("secretUri", Resources(main).Single(r => r.Value<string>("name") == "app")["properties"]!["parameters"]!["botPasswordSecretUri"]!.Value<string>("value"));
    }

    [Fact]
    public async Task The_web_app_allows_no_basic_publishing_credentials_no_ftp_and_only_https_with_tls_1_2()
    {
        var policies = Resources(await Compiled.Value).Where(r => r.Value<string>("type") == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(new[] { "ftp", "scm" }, policies.Select(p => Regex.Match(p.Value<string>("name")!, @"'(ftp|scm)'\)\]$").Groups[1].Value).Order());
        Assert.All(policies, p => Assert.False(p["properties"]!.Value<bool>("allow")));

        var site = await OneAsync("Microsoft.Web/sites");
        Assert.True(site["properties"]!.Value<bool>("httpsOnly"));
        Assert.Equal("Disabled", site["properties"]!["siteConfig"]!.Value<string>("ftpsState"));
        Assert.Equal("1.2", site["properties"]!["siteConfig"]!.Value<string>("minTlsVersion"));
    }

    [Fact]
    public async Task Storage_public_network_access_is_a_parameter_defaulting_to_the_runbooks_recommendation()
    {
        var main = await Compiled.Value;
        var parameter = main["parameters"]!["storagePublicNetworkAccess"]!;
        Assert.Equal(new[] { "Enabled", "Disabled" }, parameter["allowedValues"]!.Values<string>());
        Assert.Equal("Enabled", parameter.Value<string>("defaultValue"));
        Assert.Contains("`storagePublicNetworkAccess` (default `Enabled`", File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "deploy.md")));

        var storageModule = Resources(main).Single(r => r.Value<string>("name") == "storage");
        Assert.Equal("[parameters('storagePublicNetworkAccess')]", storageModule["properties"]!["parameters"]!["publicNetworkAccess"]!.Value<string>("value"));
        var account = await OneAsync("Microsoft.Storage/storageAccounts");
        Assert.Equal("[parameters('publicNetworkAccess')]", account["properties"]!.Value<string>("publicNetworkAccess"));
        Assert.False(main["parameters"]!["allowSharedKeyAccess"]!.Value<bool>("defaultValue"));
    }

    [Fact]
    public async Task The_bot_declares_the_Teams_channel_and_no_other()
    {
        var channels = Resources(await Compiled.Value).Where(r => r.Value<string>("type") == "Microsoft.BotService/botServices/channels").ToList();

        var teams = Assert.Single(channels);
        Assert.Equal("MsTeamsChannel", teams["properties"]!.Value<string>("channelName"));
        Assert.Contains("'MsTeamsChannel'", teams.Value<string>("name"));
        var text = (await Compiled.Value).ToString();
        Assert.DoesNotContain("WebChatChannel", text);
        Assert.DoesNotContain("DirectLineChannel", text);
    }

    [Fact]
    public async Task The_web_app_runs_as_Production_and_believes_only_the_bots_tenant()
    {
        var settings = (JObject)ModuleTemplate(await Compiled.Value, "app")["variables"]!["baseSettings"]!;

        Assert.Equal("Production", settings.Value<string>("ASPNETCORE_ENVIRONMENT"));
        Assert.Equal("[parameters('botTenantId')]", settings.Value<string>("InvestBot__AllowedTenants__0"));
        Assert.Equal(settings.Value<string>("MicrosoftAppTenantId"), settings.Value<string>("InvestBot__AllowedTenants__0"));
        // The key binds where the app reads it: InvestBot:AllowedTenants[0].
        Assert.Equal("InvestBot", InvestBotOptions.Section);
        Assert.NotNull(typeof(TrustBoundaryOptions).GetProperty(nameof(TrustBoundaryOptions.AllowedTenants)));
    }

    [GeneratedRegex(@"(?m)^.*\b(Error|Warning) [A-Za-z-]*\d*:? .*$|^.*: (Error|Warning) .*$")]
    private static partial Regex Diagnostic();
}
