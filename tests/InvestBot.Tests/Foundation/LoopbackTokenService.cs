using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using InvestBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// Stands in for the Bot Framework token service (login.botframework.com), which this machine cannot reach:
/// a loopback HTTP server publishing an OpenID configuration and a JWKS with our own RSA key, plus the
/// configuration keys that point <c>ConfigurationBotFrameworkAuthentication</c> at it. Only the HTTP boundary
/// is replaced; the bot validates tokens with the real Bot Framework code.
/// The metadata must be served over HTTPS (IdentityModel refuses http), so the server uses a self-signed
/// certificate for 127.0.0.1 that <see cref="LoopbackCertificate"/> adds to the user's .NET root store.
/// </summary>
public sealed class LoopbackTokenService : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";

    private readonly WebApplication _server;
    private readonly RsaSecurityKey _trustedKey = NewKey("investbot-test-key");
    private readonly string _metadataJson;
    private readonly string _jwksJson;

    private LoopbackTokenService(int port)
    {
        BaseUrl = $"https://127.0.0.1:{port}/";
        _metadataJson = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = BaseUrl + "authorize",
            ["jwks_uri"] = BaseUrl + "keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        });
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_trustedKey);
        _jwksJson = JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, endorsements = new[] { "msteams" } } },
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(LoopbackCertificate.Trusted)));
        _server = builder.Build();
        _server.MapGet("/v1/.well-known/openidconfiguration", () => Results.Text(_metadataJson, "application/json"));
        _server.MapGet("/keys", () => Results.Text(_jwksJson, "application/json"));
        // The bot's own sign-in (client credentials) for calls to the channel, as a sovereign cloud's login endpoint would serve it.
        _server.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            _tokenRequests.Enqueue(new TokenRequest(tenant, form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = IssuedAccessToken });
        });
        _server.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"{BaseUrl}{tenant}/v2.0",
            ["authorization_endpoint"] = $"{BaseUrl}{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{BaseUrl}{tenant}/oauth2/v2.0/token",
            ["jwks_uri"] = BaseUrl + "keys",
        }));
    }

    /// <summary>A client-credentials request the bot made: the tenant in the path and the form it posted.</summary>
    public sealed record TokenRequest(string Tenant, IReadOnlyDictionary<string, string> Form);

    public const string IssuedAccessToken = "loopback-channel-access-token";

    private readonly System.Collections.Concurrent.ConcurrentQueue<TokenRequest> _tokenRequests = new();

    public IReadOnlyList<TokenRequest> TokenRequests => _tokenRequests.ToList();

    public static async Task<LoopbackTokenService> StartAsync()
    {
        // A free port can be taken by another test's process between the probe and the bind: try another one.
        for (var attempt = 1; ; attempt++)
        {
            var service = new LoopbackTokenService(AzuriteServer.FreePort());
            try
            {
                await service._server.StartAsync();
                return service;
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await service._server.DisposeAsync();
            }
        }
    }

    public string BaseUrl { get; }

    public string MetadataUrl => BaseUrl + "v1/.well-known/openidconfiguration";

    /// <summary>Bot settings for an authenticated bot whose token service is this server.</summary>
    public Dictionary<string, string?> BotSettings(string appId) => new()
    {
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["MicrosoftAppType"] = "MultiTenant",
        // Any of these switches ConfigurationBotFrameworkAuthentication to its parameterized mode; set them all.
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromChannelTokenIssuer"] = Issuer,
        ["ToChannelFromBotLoginUrl"] = BaseUrl + "botframework.com",
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        ["OAuthUrl"] = BaseUrl + "oauth",
        ["ValidateAuthority"] = "false",
    };

    /// <summary>A channel token as the Bot Framework would issue it, signed by the published key unless told otherwise.</summary>
    public string Token(string audience, string serviceUrl, RsaSecurityKey? signWith = null, string issuer = Issuer)
    {
        var handler = new JwtSecurityTokenHandler();
        var now = DateTime.UtcNow;
        var token = handler.CreateJwtSecurityToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(30),
            Subject = new ClaimsIdentity(new[] { new Claim("serviceurl", serviceUrl) }),
            SigningCredentials = new SigningCredentials(signWith ?? _trustedKey, SecurityAlgorithms.RsaSha256),
        });
        return handler.WriteToken(token);
    }

    public static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}

/// <summary>
/// A self-signed certificate for 127.0.0.1, trusted by .NET for this user (CurrentUser\Root, which .NET on
/// Linux honours) for as long as the test process runs, and removed again when it exits.
/// </summary>
internal static class LoopbackCertificate
{
    private const string SubjectPrefix = "CN=InvestBot test token service";

    // One subject per test process: several runs of the suite (other worktrees of the same user) trust their own
    // certificates in the same store at the same time, and each removes only its own.
    private static readonly string Subject = $"{SubjectPrefix} {Environment.ProcessId}-{Guid.NewGuid():N}";
    private static readonly Lazy<X509Certificate2> Instance = new(CreateAndTrust);

    public static X509Certificate2 Trusted => Instance.Value;

    private static X509Certificate2 CreateAndTrust()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new("1.3.6.1.5.5.7.3.1") }, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);

        using var root = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        root.Open(OpenFlags.ReadWrite);
        // Leftovers of crashed earlier runs are removed once expired; a live one may belong to a test run in another
        // worktree of the same user (removing it would break that run's HTTPS).
        foreach (var old in root.Certificates.Where(c => c.Subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) && c.NotAfter < DateTime.Now).ToList())
            root.Remove(old);
        root.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Untrust(certificate);
        return certificate;
    }

    private static void Untrust(X509Certificate2 certificate)
    {
        using var root = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        root.Open(OpenFlags.ReadWrite);
        root.Remove(X509CertificateLoader.LoadCertificate(certificate.RawData));
    }
}
