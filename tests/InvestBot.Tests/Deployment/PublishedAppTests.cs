using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Azure.Storage.Queues;
using InvestBot.Tests.EndToEnd;
using InvestBot.Tests.Foundation;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Deployment;

/// <summary>
/// The `dotnet publish` output, as App Service runs it: a child process with its own Azurite, answering /healthz and a
/// message. Published once per test run into a temporary folder (from the build the tests run on, so it is quick).
/// </summary>
[Trait("Category", "Deployment")]
public sealed class PublishedAppTests
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static async Task<string> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("investbot-publish-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(output, recursive: true); } catch (IOException) { } };
        var configuration = typeof(PublishedAppTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var psi = new ProcessStartInfo("dotnet", new[]
        {
            "publish", Path.Combine(RepoPaths.Root, "src", "InvestBot", "InvestBot.csproj"), "-c", configuration, "--no-build", "-o", output, "--nologo", "-v", "q",
        }) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stdout + await stderr);
        return output;
    }

    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string Tenant = "tenant-published";

    /// <summary>As in production: a Bot Framework identity (its token service on loopback) and the office's tenant.</summary>
    private static async Task<(ChildProcess App, HttpClient Http)> StartAsync(LoopbackTokenService tokens, IReadOnlyDictionary<string, string?> settings)
    {
        var folder = await Published.Value;
        var port = AzuriteServer.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["InvestBot__TablePrefix"] = TestTables.NewPrefix(),
            ["InvestBot__Ranking__ScheduleEnabled"] = "false",
            ["InvestBot__Reporting__ReminderCron"] = "",
            ["InvestBot__AllowedTenants__0"] = Tenant,
        };
        foreach (var (k, v) in tokens.BotSettings(AppId)) environment[k] = v;
        foreach (var (k, v) in settings) environment[k] = v;
        var app = ChildProcess.Start("published InvestBot", "dotnet", [Path.Combine(folder, "InvestBot.dll")], folder, environment);
        await AzuriteServer.WaitForPortAsync(port, app.Process, StartTimeout);
        return (app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) });
    }

    /// <summary>/healthz once it is 200, or its last answer after the start-up timeout (the first storage call of a cold
    /// process, TLS and a token included, may take longer than the check's own 5 s on a busy machine).</summary>
    private static async Task<(HttpStatusCode, string)> HealthAsync(HttpClient http, ChildProcess app)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var response = await http.GetAsync("/healthz");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline || app.HasExited) return (response.StatusCode, body);
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task The_published_app_starts_answers_healthz_and_a_message_against_azurite()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var tokens = await LoopbackTokenService.StartAsync();
        var (app, http) = await StartAsync(tokens, new Dictionary<string, string?> { ["InvestBot__StorageConnectionString"] = azurite.ConnectionString });
        await using var _ = app;

        var (status, body) = await HealthAsync(http, app);
        Assert.True(status == HttpStatusCode.OK, body + "\n" + app.Tail());
        Assert.Equal(("ok", "storage ok"), (JObject.Parse(body).Value<string>("status"), JObject.Parse(body).Value<string>("storage")));

        // The data files (policy text, units) travel with the published output: a policy question is answered.
        var message = new StringContent("""
            {"type":"message","id":"1","text":"第22条","channelId":"msteams","serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies",
             "from":{"id":"u1","aadObjectId":"aad-1","name":"张三"},"recipient":{"id":"28:bot"},
             "conversation":{"id":"c1","conversationType":"personal","tenantId":"tenant-published"}}
            """, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = message };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.Token(AppId, "http://127.0.0.1:9/"));
        var reply = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Contains("优化审批服务效能", JObject.Parse(await reply.Content.ReadAsStringAsync()).ToString());
    }

    [Fact]
    public async Task With_only_account_endpoints_configured_the_published_app_reaches_storage_through_its_managed_identity()
    {
        var certificate = LoopbackCertificate.Trusted;
        var pem = Directory.CreateTempSubdirectory("azurite-tls-").FullName;
        await File.WriteAllTextAsync(Path.Combine(pem, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(pem, "key.pem"), certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await using var azurite = await AzuriteServer.StartAsync(tls: (Path.Combine(pem, "cert.pem"), Path.Combine(pem, "key.pem")));
        await using var identity = await LoopbackManagedIdentityEndpoint.StartAsync();
        const string clientId = "5c8d1f0e-1111-2222-3333-444444444444";
        var prefix = TestTables.NewPrefix();
        var settings = new Dictionary<string, string?>(identity.Environment)
        {
            ["InvestBot__StorageConnectionString"] = "",
            ["InvestBot__TablePrefix"] = prefix,
            ["InvestBot__Storage__TableServiceUri"] = azurite.TableServiceUri,
            ["InvestBot__Storage__QueueServiceUri"] = azurite.QueueServiceUri,
            ["InvestBot__Storage__ManagedIdentityClientId"] = clientId,
        };
        await using var tokens = await LoopbackTokenService.StartAsync();
        var (app, http) = await StartAsync(tokens, settings);
        await using var _ = app;

        var (status, body) = await HealthAsync(http, app);
        Assert.True(status == HttpStatusCode.OK, body + "\n" + app.Tail());

        // The delivery worker creates its queue at start-up through the same identity.
        var queue = new QueueClient(azurite.ConnectionString, $"{prefix.ToLowerInvariant()}-ranking-delivery");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await queue.ExistsAsync() && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.True(await queue.ExistsAsync(), app.Tail());

        var requests = identity.Requests;
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.Equal((clientId, LoopbackManagedIdentityEndpoint.Secret), (r.ClientId, r.Header)));
        Assert.All(requests, r => Assert.StartsWith("https://storage.azure.com", r.Resource));
        Directory.Delete(pem, recursive: true);
    }
}
