using System.Collections.Concurrent;
using System.Net;
using InvestBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// Stands in for the Teams connector service (smba.trafficmanager.net), which this machine cannot reach:
/// a loopback HTTP server that accepts the Bot Framework "send to conversation" calls the real adapter makes
/// for proactive messages, and records them. Only the HTTP boundary is replaced.
/// </summary>
public sealed class FakeTeamsConnector : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly ConcurrentQueue<(string ConversationId, Activity Activity)> _received = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeTeamsConnector(int port)
    {
        ServiceUrl = $"http://127.0.0.1:{port}/";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        _server = builder.Build();
        _server.MapPost("/v3/conversations/{conversationId}/activities/{**rest}", Receive);
        _server.MapPost("/v3/conversations/{conversationId}/activities", Receive);
        // Files a user "uploaded": Teams hands the bot a download URL for them.
        _server.MapGet("/files/{name}", (string name) => Files.TryGetValue(name, out var bytes)
            ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound());
    }

    public string ServiceUrl { get; }

    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public IReadOnlyList<(string ConversationId, Activity Activity)> Received => _received.ToList();

    public static async Task<FakeTeamsConnector> StartAsync()
    {
        var connector = new FakeTeamsConnector(AzuriteServer.FreePort());
        await connector._server.StartAsync();
        return connector;
    }

    /// <summary>Waits until a message to <paramref name="conversationId"/> matching the predicate arrived.</summary>
    public async Task<Activity> WaitForAsync(string conversationId, Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var signal = _arrived.Task; // taken before looking, so an arrival in between is not missed
            var hit = _received.FirstOrDefault(r => r.ConversationId == conversationId && match(r.Activity));
            if (hit.Activity is not null) return hit.Activity;
            await signal.WaitAsync(cts.Token);
        }
    }

    public IEnumerable<Activity> To(string conversationId) => _received.Where(r => r.ConversationId == conversationId).Select(r => r.Activity);

    private async Task<IResult> Receive(string conversationId, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var activity = JsonConvert.DeserializeObject<Activity>(await reader.ReadToEndAsync())!;
        foreach (var card in BotClient.Cards(activity)) CardSchema.AssertValid(card);
        _received.Enqueue((WebUtility.UrlDecode(conversationId), activity));
        Interlocked.Exchange(ref _arrived, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Results.Json(new Dictionary<string, string> { ["id"] = Guid.NewGuid().ToString() });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
