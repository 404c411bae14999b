using Azure.Data.Tables;
using Azure.Identity;
using InvestBot.Hosting;
using InvestBot.Knowledge;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Storage;
using InvestBot.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InvestBot.Tests.Deployment;

/// <summary>Which storage client and credential each configuration produces (no storage is contacted).</summary>
[Trait("Category", "Unit")]
public sealed class StorageClientsTests
{
    private const string ClientId = "5c8d1f0e-1111-2222-3333-444444444444";

    [Fact]
    public void Nothing_configured_means_Azurite_with_its_development_account()
    {
        var clients = new StorageClients("", new StorageAccountOptions());

        Assert.Equal(StorageAuthentication.LocalEmulator, clients.Authentication);
        Assert.Equal("UseDevelopmentStorage=true", clients.ConnectionString);
        Assert.Null(clients.Credential);
        Assert.Equal("devstoreaccount1", clients.CreateTableService(new TableClientOptions()).AccountName);
    }

    [Fact]
    public void A_connection_string_wins_over_account_settings()
    {
        var connection = "DefaultEndpointsProtocol=https;AccountName=officebot;AccountKey=a2V5;EndpointSuffix=core.windows.net";
        var clients = new StorageClients(connection, new StorageAccountOptions { AccountName = "other", ManagedIdentityClientId = ClientId });

        Assert.Equal(StorageAuthentication.ConnectionString, clients.Authentication);
        Assert.Null(clients.Credential);
        Assert.Equal(new Uri("https://officebot.table.core.windows.net/"), clients.CreateTableService(new TableClientOptions()).Uri);
        Assert.Equal("https://officebot.queue.core.windows.net/investbot-ranking-delivery", clients.CreateQueue("investbot-ranking-delivery").Uri.AbsoluteUri);
    }

    [Fact]
    public void An_account_name_with_a_client_id_uses_that_user_assigned_managed_identity()
    {
        var clients = new StorageClients(null, new StorageAccountOptions { AccountName = "officebot", ManagedIdentityClientId = ClientId });

        Assert.Equal(StorageAuthentication.ManagedIdentity, clients.Authentication);
        Assert.IsType<ManagedIdentityCredential>(clients.Credential);
        Assert.Equal(ClientId, clients.ManagedIdentityClientId);
        Assert.Null(clients.ConnectionString);
        Assert.Equal(new Uri("https://officebot.table.core.windows.net/"), clients.CreateTableService(new TableClientOptions()).Uri);
        var queue = clients.CreateQueue("ranking-delivery");
        Assert.Equal(("officebot", "ranking-delivery"), (queue.AccountName, queue.Name));
        Assert.Equal("https://officebot.queue.core.windows.net/ranking-delivery", queue.Uri.AbsoluteUri);
        Assert.Equal(TableAudience.AzurePublicCloud.ToString(), clients.TableAudience);
        Assert.Equal("https://officebot.queue.core.windows.net/", clients.QueueAudience);
    }

    [Fact]
    public void Without_a_client_id_DefaultAzureCredential_is_used()
    {
        var clients = new StorageClients(null, new StorageAccountOptions { AccountName = "officebot" });

        Assert.Equal(StorageAuthentication.DefaultCredential, clients.Authentication);
        Assert.IsType<DefaultAzureCredential>(clients.Credential);
    }

    [Fact]
    public void The_endpoint_suffix_of_Azure_operated_by_21Vianet_gives_china_endpoints_and_audiences()
    {
        var clients = new StorageClients(null, new StorageAccountOptions
        {
            AccountName = "officebot", EndpointSuffix = "core.chinacloudapi.cn", ManagedIdentityClientId = ClientId,
        });

        Assert.Equal(new Uri("https://officebot.table.core.chinacloudapi.cn/"), clients.TableServiceUri);
        Assert.Equal(new Uri("https://officebot.queue.core.chinacloudapi.cn/"), clients.QueueServiceUri);
        Assert.Equal(TableAudience.AzureChina.ToString(), clients.TableAudience);
        Assert.NotEqual(TableAudience.AzurePublicCloud.ToString(), clients.TableAudience);
        Assert.Equal("https://officebot.queue.core.chinacloudapi.cn/", clients.QueueAudience);
    }

    [Fact]
    public void Explicit_service_uris_override_the_account_name_and_an_explicit_audience_is_used_for_both()
    {
        var clients = new StorageClients(null, new StorageAccountOptions
        {
            TableServiceUri = "https://127.0.0.1:10102/devstoreaccount1", QueueServiceUri = "https://127.0.0.1:10101/devstoreaccount1",
            ManagedIdentityClientId = ClientId, Audience = "https://storage.azure.com",
        });

        Assert.Equal(StorageAuthentication.ManagedIdentity, clients.Authentication);
        Assert.Equal("https://127.0.0.1:10101/devstoreaccount1/ranking-delivery", clients.CreateQueue("ranking-delivery").Uri.AbsoluteUri);
        Assert.Equal(("https://storage.azure.com", "https://storage.azure.com"), (clients.TableAudience, clients.QueueAudience));
    }

    [Theory]
    [InlineData("https://officebot.table.core.windows.net", "")]
    [InlineData("", "https://officebot.queue.core.windows.net")]
    [InlineData("not a uri", "https://officebot.queue.core.windows.net")]
    public void Half_an_endpoint_configuration_is_refused_at_startup(string table, string queue)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new StorageClients(null, new StorageAccountOptions { TableServiceUri = table, QueueServiceUri = queue }));
        Assert.Contains(table.Length == 0 ? "TableServiceUri" : queue.Length == 0 ? "QueueServiceUri" : "not an absolute", error.Message);
    }

    [Fact]
    public void In_the_app_tables_and_the_delivery_queue_reach_the_same_account_through_the_managed_identity()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InvestBot:StorageConnectionString"] = "",
            ["InvestBot:TablePrefix"] = "prod",
            ["InvestBot:Storage:AccountName"] = "officebot",
            ["InvestBot:Storage:ManagedIdentityClientId"] = ClientId,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddInvestBotTelemetry(configuration).AddInvestBotCore(configuration).AddKnowledge(configuration, OfficeProcessSettings.From)
            .AddReporting(configuration).AddRanking(configuration);
        using var provider = services.BuildServiceProvider();

        var clients = provider.GetRequiredService<StorageClients>();
        Assert.Equal(StorageAuthentication.ManagedIdentity, clients.Authentication);
        Assert.Equal(new Uri("https://officebot.table.core.windows.net/"), provider.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal("https://officebot.queue.core.windows.net/prod-ranking-delivery", provider.GetRequiredService<DeliveryQueue>().Uri.AbsoluteUri);
    }
}
