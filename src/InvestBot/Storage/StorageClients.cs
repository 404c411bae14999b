using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;


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
        var explicitAudience = string.IsNullOrWhiteSpace(account.Audience) ? null : account.Audience.Trim();
        TableAudience = explicitAudience ?? TableAudienceFor(suffix);
        // The account's own queue endpoint is a valid audience in every cloud; elsewhere (an emulator) the public one.
        QueueAudience = explicitAudience ?? (QueueServiceUri.Host.EndsWith(".queue." + suffix, StringComparison.OrdinalIgnoreCase)
            ? $"https://{QueueServiceUri.Host}/"
            : Azure.Storage.Queues.Models.QueueAudience.PublicAudience.ToString());
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

    /// <summary>The token audiences ("resource") requested for tables and for the queue.</summary>
    public string? TableAudience { get; }

    public string? QueueAudience { get; }

    public TableServiceClient CreateTableService(TableClientOptions options)
    {
        if (Credential is null) return new TableServiceClient(ConnectionString, options);
        options.Audience = new Azure.Data.Tables.TableAudience(TableAudience!);
        return new TableServiceClient(TableServiceUri!, Credential, options);
    }

    public QueueClient CreateQueue(string name)
    {
        if (Credential is null) return new QueueClient(ConnectionString, name);
        var options = new QueueClientOptions { Audience = new Azure.Storage.Queues.Models.QueueAudience(QueueAudience!) };
        return new QueueClient(new Uri(QueueServiceUri!.AbsoluteUri.TrimEnd('/') + "/" + name), Credential, options);
    }

    /// <summary>The Tables SDK's audience for the cloud the endpoint suffix names.</summary>
    public static string TableAudienceFor(string endpointSuffix) => (endpointSuffix.ToLowerInvariant() switch
    {
        "core.chinacloudapi.cn" => Azure.Data.Tables.TableAudience.AzureChina,
        "core.usgovcloudapi.net" => Azure.Data.Tables.TableAudience.AzureGovernment,
        _ => Azure.Data.Tables.TableAudience.AzurePublicCloud,
    }).ToString();

    private static Uri? ServiceUri(string explicitUri, string accountName, string service, string suffix)
    {
        if (!string.IsNullOrWhiteSpace(explicitUri))
            return Uri.TryCreate(explicitUri.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw new InvalidOperationException($"'{explicitUri}' is not an absolute http(s) URI.");
        return accountName.Length == 0 ? null : new Uri($"https://{accountName}.{service}.{suffix}/");
    }
}
