namespace InvestBot.Storage;

/// <summary>
/// Settings under "InvestBot:Storage": an Azure Storage account reached with an Entra ID token (a managed identity)
/// instead of a connection string. Used only when <c>InvestBot:StorageConnectionString</c> is empty.
/// </summary>
public sealed class StorageAccountOptions
{
    public const string Section = "InvestBot:Storage";

    /// <summary>The storage account's name; with <see cref="EndpointSuffix"/> it gives the table and queue endpoints.</summary>
    public string AccountName { get; set; } = "";

    /// <summary>Storage DNS suffix of the cloud: <c>core.windows.net</c> (global Azure), <c>core.chinacloudapi.cn</c>
    /// (Azure operated by 21Vianet), <c>core.usgovcloudapi.net</c>.</summary>
    public string EndpointSuffix { get; set; } = StorageClients.PublicEndpointSuffix;

    /// <summary>Explicit Table service URI (e.g. <c>https://acct.table.core.windows.net</c>); overrides the account name.</summary>
    public string TableServiceUri { get; set; } = "";

    /// <summary>Explicit Queue service URI; overrides the account name.</summary>
    public string QueueServiceUri { get; set; } = "";

    /// <summary>Client id of the user-assigned managed identity. Empty: <c>DefaultAzureCredential</c> (system-assigned
    /// identity on Azure, <c>AZURE_CLIENT_ID</c>, or the developer's <c>az login</c>).</summary>
    public string ManagedIdentityClientId { get; set; } = "";

    /// <summary>Token audience for storage; empty: the Tables SDK's audience for the cloud that <see cref="EndpointSuffix"/>
    /// names, and the account's queue endpoint for the queue.</summary>
    public string Audience { get; set; } = "";
}
