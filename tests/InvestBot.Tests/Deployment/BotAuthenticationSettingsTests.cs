using InvestBot.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace InvestBot.Tests.Deployment;

/// <summary>MicrosoftAppType: SingleTenant by default, UserAssignedMSI supported, local mode without an app id.</summary>
[Trait("Category", "Unit")]
public sealed class BotAuthenticationSettingsTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string Tenant = "66666666-7777-8888-9999-000000000000";

    private static IConfiguration Effective(Dictionary<string, string?> settings) =>
        BotAuthenticationSettings.Effective(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Development);

    private static readonly Microsoft.Extensions.Hosting.IHostEnvironment Development =
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" };

    [Fact]
    public void The_shipped_appsettings_default_to_SingleTenant()
    {
        var appsettings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Infrastructure.RepoPaths.Root, "src", "InvestBot", "appsettings.json")).Build();
        Assert.Equal("SingleTenant", appsettings["MicrosoftAppType"]);
    }

    [Fact]
    public void An_app_id_without_a_type_is_SingleTenant()
    {
        var effective = Effective(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppTenantId"] = Tenant });
        Assert.Equal("SingleTenant", effective["MicrosoftAppType"]);
    }

    [Fact]
    public void Without_an_app_id_the_bot_runs_unauthenticated_whatever_the_type()
    {
        var effective = Effective(new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = "" });
        Assert.Equal("MultiTenant", effective["MicrosoftAppType"]);
    }

    [Theory]
    [InlineData("SingleTenant", "secret", "", "MicrosoftAppTenantId is required")]
    [InlineData("SingleTenant", "", Tenant, "MicrosoftAppPassword")]
    [InlineData("UserAssignedMSI", "", "", "MicrosoftAppTenantId is required")]
    [InlineData("UserAssignedMSI", "secret", Tenant, "must be empty for UserAssignedMSI")]
    [InlineData("Anonymous", "", Tenant, "is not one of")]
    public void Incomplete_registrations_are_refused_with_the_missing_key(string type, string password, string tenant, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Effective(new()
        {
            ["MicrosoftAppType"] = type, ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = password, ["MicrosoftAppTenantId"] = tenant,
        }));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_user_assigned_managed_identity_needs_no_secret()
    {
        var effective = Effective(new() { ["MicrosoftAppType"] = "UserAssignedMSI", ["MicrosoftAppId"] = AppId, ["MicrosoftAppTenantId"] = Tenant });
        Assert.Equal("UserAssignedMSI", effective["MicrosoftAppType"]);
        // The Bot Framework accepts it (it would throw for a missing tenant or a password).
        _ = new Microsoft.Bot.Builder.Integration.AspNet.Core.ConfigurationServiceClientCredentialFactory(effective);
    }
}
