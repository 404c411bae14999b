using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace InvestBot.Storage;

/// <summary>How the bot authenticates to Azure Storage.</summary>
public enum StorageAuthentication
{
    /// <summary>No storage configured: Azurite's well-known development account.</summary>
    LocalEmulator,
    /// <summary>A connection string (account key or SAS).</summary>
    ConnectionString,
    /// <summary>An Entra ID token from the configured user-assigned managed identity.</summary>
    ManagedIdentity,
    /// <summary>An Entra ID token from <c>DefaultAzureCredential</c> (system-assigned identity, environment, az login).</summary>
    DefaultCredential,
}

/// <summary>
/// Turns the storage settings into Table and Queue clients, in one place, so tables and the delivery queue always reach
/// the same account the same way. A connection string wins; otherwise a configured account (name or service URIs) is
/// reached with a token; with neither, Azurite.
/// </summary>
public sealed class StorageClients
{
    public const string PublicEndpointSuffix = "core.windows.net";
    public const string LocalDevelopmentStorage = "UseDevelopmentStorage=true";

    public StorageClients(string? connectionString, StorageAccountOptions account)
    {
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            Authentication = StorageAuthentication.ConnectionString;
            ConnectionString = connectionString.Trim();
            return;
        }
        var name = account.AccountName.Trim();
        var suffix = string.IsNullOrWhiteSpace(account.EndpointSuffix) ? PublicEndpointSuffix : account.EndpointSuffix.Trim().Trim('.');
        var tableUri = ServiceUri(account.TableServiceUri, name, "table", suffix);
        var queueUri = ServiceUri(account.QueueServiceUri, name, "queue", suffix);
        if (tableUri is null && queueUri is null)
        {
            Authentication = StorageAuthentication.LocalEmulator;
            ConnectionString = LocalDevelopmentStorage;
            return;
        }
        TableServiceUri = tableUri ?? throw new InvalidOperationException(
            "InvestBot:Storage:TableServiceUri (or AccountName) is required when QueueServiceUri is set.");
        QueueServiceUri = queueUri ?? throw new InvalidOperationException(
            "InvestBot:Storage:QueueServiceUri (or AccountName) is required when TableServiceUri is set.");
        Audience = string.IsNullOrWhiteSpace(account.Audience) ? AudienceFor(suffix) : account.Audience.Trim();
        if (string.IsNullOrWhiteSpace(account.ManagedIdentityClientId))
        {
            Authentication = StorageAuthentication.DefaultCredential;
            Credential = new DefaultAzureCredential();
        }
        else
        {
            Authentication = StorageAuthentication.ManagedIdentity;
            ManagedIdentityClientId = account.ManagedIdentityClientId.Trim();
            Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(ManagedIdentityClientId));
        }
    }

    public StorageAuthentication Authentication { get; }

    /// <summary>Set for <see cref="StorageAuthentication.ConnectionString"/> and <see cref="StorageAuthentication.LocalEmulator"/>.</summary>
    public string? ConnectionString { get; }

    /// <summary>Set when a token is used.</summary>
    public Uri? TableServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    public TokenCredential? Credential { get; }

    public string? ManagedIdentityClientId { get; }

    /// <summary>The token audience ("resource") requested for storage.</summary>
    public string? Audience { get; }

    public TableServiceClient CreateTableService(TableClientOptions options)
    {
        if (Credential is null) return new TableServiceClient(ConnectionString, options);
        options.Audience = new TableAudience(Audience!);
        return new TableServiceClient(TableServiceUri!, Credential, options);
    }

    public QueueClient CreateQueue(string name)
    {
        if (Credential is null) return new QueueClient(ConnectionString, name);
        var options = new QueueClientOptions { Audience = new QueueAudience(Audience!) };
        return new QueueClient(new Uri(QueueServiceUri!.AbsoluteUri.TrimEnd('/') + "/" + name), Credential, options);
    }

    /// <summary>Storage's Entra ID audience in each cloud, recognised by the endpoint suffix.</summary>
    public static string AudienceFor(string endpointSuffix) => endpointSuffix.ToLowerInvariant() switch
    {
        "core.chinacloudapi.cn" => "https://storage.azure.cn/",
        "core.usgovcloudapi.net" => "https://storage.azure.us/",
        _ => "https://storage.azure.com/",
    };

    private static Uri? ServiceUri(string explicitUri, string accountName, string service, string suffix)
    {
        if (!string.IsNullOrWhiteSpace(explicitUri))
            return Uri.TryCreate(explicitUri.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw new InvalidOperationException($"'{explicitUri}' is not an absolute http(s) URI.");
        return accountName.Length == 0 ? null : new Uri($"https://{accountName}.{service}.{suffix}/");
    }
}
