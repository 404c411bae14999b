using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using InvestBot.Tests.Infrastructure;

namespace InvestBot.Tests.Deployment;

/// <summary>
/// Stands in for App Service's managed-identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER), which only exists inside
/// Azure: it answers token requests with a JWT for the requested resource, issued by an Entra ID issuer, which Azurite's
/// basic OAuth accepts. Only the HTTP boundary is replaced: the app's ManagedIdentityCredential runs unchanged.
/// </summary>
public sealed class LoopbackManagedIdentityEndpoint : IAsyncDisposable
{
    public sealed record TokenRequest(string? ClientId, string? Resource, string? Header);

    public const string Secret = "loopback-identity-header";
    private const string Tenant = "66666666-7777-8888-9999-000000000000";
    private readonly WebApplication _server;
    private readonly ConcurrentQueue<TokenRequest> _requests = new();
    private readonly SymmetricSecurityKey _key = new(RandomNumberGenerator.GetBytes(32));

    private LoopbackManagedIdentityEndpoint(int port)
    {
        Url = $"http://127.0.0.1:{port}/msi/token";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        _server = builder.Build();
        _server.MapGet("/msi/token", (HttpRequest request) =>
        {
            var resource = request.Query["resource"].ToString();
            var header = request.Headers["X-IDENTITY-HEADER"].ToString();
            _requests.Enqueue(new TokenRequest(request.Query["client_id"].ToString(), resource, header));
            if (header != Secret) return Results.StatusCode(StatusCodes.Status401Unauthorized);
            var expires = DateTimeOffset.UtcNow.AddHours(1);
            return Results.Json(new Dictionary<string, string>
            {
                ["access_token"] = Token(resource, expires),
                ["expires_on"] = expires.ToUnixTimeSeconds().ToString(),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
                ["client_id"] = request.Query["client_id"].ToString(),
            });
        });
    }

    public string Url { get; }

    public IReadOnlyList<TokenRequest> Requests => _requests.ToList();

    /// <summary>The environment App Service gives a process that has a managed identity.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["IDENTITY_ENDPOINT"] = Url,
        ["IDENTITY_HEADER"] = Secret,
    };

    public static async Task<LoopbackManagedIdentityEndpoint> StartAsync()
    {
        var endpoint = new LoopbackManagedIdentityEndpoint(AzuriteServer.FreePort());
        await endpoint._server.StartAsync();
        return endpoint;
    }

    private string Token(string resource, DateTimeOffset expires)
    {
        var now = DateTime.UtcNow;
        var handler = new JwtSecurityTokenHandler();
        return handler.WriteToken(handler.CreateJwtSecurityToken(new SecurityTokenDescriptor
        {
            Issuer = $"https://sts.windows.net/{Tenant}/",
            Audience = resource,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
