using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace InvestBot.Teams;

/// <summary>
/// The configured Bot Framework authentication, except that the connector and user-token clients it hands the adapter
/// are built once per (bot, serviceUrl, audience) and reused. CloudAdapter asks for both on every turn, even in
/// expectReplies mode where neither sends anything, and building them (Microsoft.Rest's user-agent set-up compiles
/// regular expressions) cost more CPU than answering a question. The adapter disposes what it was given after the
/// turn, so the shared clients ignore Dispose; their credentials keep their token cache, as a long-lived client should.
/// </summary>
public sealed class ReusedClientsAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    private readonly BotFrameworkAuthentication _inner = inner;
    private readonly ConcurrentDictionary<(string AppId, string ServiceUrl, string Audience), Lazy<Task<IConnectorClient>>> _connectors = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<UserTokenClient>>> _userTokenClients = new();

    // The adapter takes the turn's connector from the authentication result's factory.
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Reusing(await _inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Reusing(await _inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));

    private AuthenticateRequestResult Reusing(AuthenticateRequestResult result)
    {
        if (result.ConnectorFactory is { } factory and not ReusingConnectorFactory)
            result.ConnectorFactory = new ReusingConnectorFactory(_connectors, factory, AppIdOf(result.ClaimsIdentity));
        return result;
    }

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    public override string GetOriginatingAudience() => _inner.GetOriginatingAudience();

    public override BotFrameworkClient CreateBotFrameworkClient() => _inner.CreateBotFrameworkClient();

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new ReusingConnectorFactory(_connectors, _inner.CreateConnectorFactory(claimsIdentity), AppIdOf(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Shared(_userTokenClients, AppIdOf(claimsIdentity), async () =>
            (UserTokenClient)new SharedUserTokenClient(await _inner.CreateUserTokenClientAsync(claimsIdentity, CancellationToken.None)), cancellationToken);

    private static string AppIdOf(ClaimsIdentity identity) => JwtTokenValidation.GetAppIdFromClaims(identity.Claims) ?? "";

    /// <summary>One creation per key; a failed creation is forgotten so the next turn tries again.</summary>
    private static Task<T> Shared<TKey, T>(ConcurrentDictionary<TKey, Lazy<Task<T>>> cache, TKey key, Func<Task<T>> create, CancellationToken ct)
        where TKey : notnull
    {
        var lazy = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(create));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled) cache.TryRemove(new(key, lazy));
        return task.WaitAsync(ct);
    }

    /// <summary>Hands out the shared client for the bot, serviceUrl and audience, creating it with the inner factory once.</summary>
    private sealed class ReusingConnectorFactory(
        ConcurrentDictionary<(string, string, string), Lazy<Task<IConnectorClient>>> clients, ConnectorFactory inner, string appId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            Shared(clients, (appId, serviceUrl, audience ?? ""), async () =>
                (IConnectorClient)new SharedConnectorClient(await inner.CreateAsync(serviceUrl, audience, CancellationToken.None)), cancellationToken);
    }

    /// <summary>A long-lived connector client whose Dispose (called by the adapter after every turn) does nothing.</summary>
    private sealed class SharedConnectorClient(IConnectorClient client) : IConnectorClient
    {
        public Uri BaseUri { get => client.BaseUri; set => client.BaseUri = value; }
        public Newtonsoft.Json.JsonSerializerSettings SerializationSettings => client.SerializationSettings;
        public Newtonsoft.Json.JsonSerializerSettings DeserializationSettings => client.DeserializationSettings;
        public Microsoft.Rest.ServiceClientCredentials Credentials => client.Credentials;
        public IAttachments Attachments => client.Attachments;
        public IConversations Conversations => client.Conversations;

        public void Dispose()
        {
        }
    }

    /// <summary>A long-lived user-token client whose Dispose does nothing.</summary>
    private sealed class SharedUserTokenClient(UserTokenClient client) : UserTokenClient
    {
        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            client.GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            client.GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            client.SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            client.GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            client.GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            client.ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        protected override void Dispose(bool disposing)
        {
        }
    }
}
