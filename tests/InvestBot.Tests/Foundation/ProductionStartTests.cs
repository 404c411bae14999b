using InvestBot.Hosting;
using InvestBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>Outside Development the bot never runs without its identity and its tenant; there is no switch to allow it.</summary>
[Trait("Category", "Http")]
public sealed class ProductionStartTests
{
    [Fact]
    public async Task A_Production_start_without_MicrosoftAppId_stops_with_the_setting_named()
    {
        var (exitCode, output) = await RefusedStart.RunAsync("bot without an identity", new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppTenantId"] = "tenant-test",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("MicrosoftAppId is empty in the Production environment", output);
        Assert.DoesNotContain("Application started", output);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private static Microsoft.Extensions.Hosting.IHostEnvironment Environment(string name) =>
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = name };

    [Fact]
    public void The_allowed_tenants_default_to_the_bots_own_tenant_and_are_required_outside_Development()
    {
        var own = TeamsBoundary.From(new TrustBoundaryOptions(), Settings(("MicrosoftAppTenantId", "office")), Environment("Production"));
        var error = Assert.Throws<InvalidOperationException>(() => TeamsBoundary.From(new TrustBoundaryOptions(), Settings(), Environment("Production")));
        var local = TeamsBoundary.From(new TrustBoundaryOptions(), Settings(), Environment("Development"));
        var listed = TeamsBoundary.From(new TrustBoundaryOptions { AllowedTenants = ["a", "b"] }, Settings(("MicrosoftAppTenantId", "office")), Environment("Production"));

        Assert.False(own.AnyTenant);
        Assert.Null(own.Refusal(Activity("office")));
        Assert.Equal("tenant", own.Refusal(Activity("elsewhere")));
        Assert.Contains("InvestBot:AllowedTenants", error.Message);
        Assert.True(local.AnyTenant);
        Assert.Equal("channel", local.Refusal(Activity("office", channel: "webchat")));
        Assert.Null(listed.Refusal(Activity("B")));
        Assert.Equal("tenant", listed.Refusal(Activity("office")));
    }

    private static Microsoft.Bot.Schema.Activity Activity(string tenant, string channel = "msteams") => new()
    {
        Type = "message", ChannelId = channel, Conversation = new Microsoft.Bot.Schema.ConversationAccount { Id = "c", TenantId = tenant },
    };

    [Fact]
    public void A_configured_download_signing_key_shorter_than_32_bytes_stops_the_app()
    {
        var error = Record.Exception(() =>
        {
            using var app = new InvestBotFactory(new() { ["InvestBot:Reporting:DownloadSigningKey"] = "short-key" });
            app.CreateClient();
        });

        Assert.NotNull(error);
        Assert.Contains("DownloadSigningKey must be at least 32 bytes", error!.ToString());
    }

    private sealed class InvestBotFactory(Dictionary<string, string?> settings) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("InvestBot:TablePrefix", TestTables.NewPrefix());
            builder.UseSetting("InvestBot:Ranking:ScheduleEnabled", "false");
            foreach (var (k, v) in settings) builder.UseSetting(k, v);
        }
    }
}
