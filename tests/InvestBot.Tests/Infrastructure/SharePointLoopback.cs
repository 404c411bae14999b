namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// Stands in for the tenant's SharePoint at the HTTP boundary (this machine has no DNS or certificates for it): a request
/// the bot's import client sends to https://*.sharepoint.com/… leaves the bot's own handlers unchanged and is rewritten,
/// just before the real primary handler, to the loopback connector's http URL with the same path. The bot's checks on the
/// URL run on the SharePoint address; the redirect and size behaviour is that of the production handler.
/// </summary>
public sealed class SharePointLoopback(string loopbackBaseUrl) : DelegatingHandler
{
    public const string Host = "contoso.sharepoint.com";
    public const string BaseUrl = "https://" + Host + "/";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { Scheme: "https" } uri && uri.Host.EndsWith(".sharepoint.com", StringComparison.OrdinalIgnoreCase))
            request.RequestUri = new Uri(new Uri(loopbackBaseUrl), uri.PathAndQuery.TrimStart('/'));
        return base.SendAsync(request, cancellationToken);
    }
}
