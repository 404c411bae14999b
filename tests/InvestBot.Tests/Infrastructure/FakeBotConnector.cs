using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// Stands in for the Teams Bot Connector (smba.trafficmanager.net), which this machine cannot reach: Kestrel on a free
/// loopback port serving POST /v3/conversations/{id}/activities. It records every accepted post and, on demand, answers
/// 429 (with Retry-After), 500, 412, 403 or 404 for chosen conversations. It also serves files a user "uploaded"
/// (Teams hands the bot a download URL for them). Used by the HTTP and integration tests and the delivery benchmark.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    /// <param name="Authorization">The request's Authorization header (the bot's token when it runs authenticated).</param>
    /// <param name="ConnectionId">The TCP connection the post came on (Kestrel's id): shows when a client opened a new one.</param>
    public sealed record Post(string ConversationId, JObject Activity, DateTimeOffset At, string? Authorization = null, string? ConnectionId = null);
    public sealed record Attempt(string ConversationId, int Status, DateTimeOffset At);

    private readonly WebApplication _server;
    private readonly ConcurrentQueue<Post> _posts = new();
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, int? RetryAfter)>> _scripted = new();
    private readonly ConcurrentDictionary<string, int> _always = new();
    private readonly object _waitLock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = new();
    private int _ids;

    private FakeBotConnector(int port)
    {
        ServiceUrl = $"http://127.0.0.1:{port}/";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        _server = builder.Build();
        _server.MapPost("/v3/conversations/{conversationId}/activities", HandleAsync);
        _server.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (string conversationId, HttpRequest request) => HandleAsync(conversationId, request));
        // Teams' members API (TeamsInfo.GetPagedMembersAsync / GetMemberAsync): the chat's roster, and one member of it.
        _server.MapGet("/v3/conversations/{conversationId}/pagedmembers", (string conversationId) =>
            Results.Text(new JObject { ["members"] = new JArray(Roster(conversationId).Cast<object>().ToArray()) }.ToString(Newtonsoft.Json.Formatting.None),
                "application/json"));
        _server.MapGet("/v3/conversations/{conversationId}/members/{memberId}", async (string conversationId, string memberId) =>
            (MemberLatency > TimeSpan.Zero ? await Task.Delay(MemberLatency).ContinueWith(_ => 0) : 0) is var _ &&
            Members.Values.SelectMany(m => m).FirstOrDefault(m => m.Value<string>("id") == memberId) is { } member
                ? Results.Text(member.ToString(Newtonsoft.Json.Formatting.None), "application/json")
                : Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "not found" } }, statusCode: 404));
        _server.MapGet("/files/{name}", ServeFileAsync);
    }

    /// <summary>Conversation id → its members as Teams describes them (id, name, aadObjectId, userPrincipalName, email).</summary>
    public ConcurrentDictionary<string, List<JObject>> Members { get; } = new();

    /// <summary>Adds a person to a conversation's roster as Teams' members API returns them.</summary>
    public void AddMember(string conversationId, string id, string name, string aadObjectId, string? upn = null) =>
        Members.GetOrAdd(conversationId, _ => new()).Add(new JObject
        {
            ["id"] = id, ["name"] = name, ["aadObjectId"] = aadObjectId, ["userPrincipalName"] = upn, ["email"] = upn,
        });

    private IReadOnlyList<JObject> Roster(string conversationId) => Members.TryGetValue(conversationId, out var m) ? m.ToList() : [];

    /// <summary>Files served at <c>{ServiceUrl}files/{name}</c>.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>Names answered with 302 to the given location instead of a file.</summary>
    public ConcurrentDictionary<string, string> FileRedirects { get; } = new();

    /// <summary>Names answered with this many bytes, written in 64 KB chunks without a Content-Length.</summary>
    public ConcurrentDictionary<string, long> ChunkedFiles { get; } = new();

    /// <summary>Every file name requested, in order.</summary>
    public IReadOnlyList<string> FileRequests => _fileRequests.ToList();

    private readonly ConcurrentQueue<string> _fileRequests = new();

    private async Task ServeFileAsync(string name, HttpContext context)
    {
        _fileRequests.Enqueue(name);
        if (FileRedirects.TryGetValue(name, out var location))
        {
            context.Response.Redirect(location);
            return;
        }
        if (ChunkedFiles.TryGetValue(name, out var total))
        {
            context.Response.ContentType = "application/octet-stream";
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'9');
            try
            {
                // Kestrel discards writes after the client has gone; the abort token says when it went.
                for (long sent = 0; sent < total && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException) { }
            return;
        }
        if (Files.TryGetValue(name, out var bytes))
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(bytes);
        }
        else context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    public string ServiceUrl { get; }

    /// <summary>Time each request takes (lets a test stop an instance while deliveries are under way).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>How long the members API takes to answer one member (a Teams that hangs).</summary>
    public TimeSpan MemberLatency { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<Post> Posts => _posts.ToList();

    public IReadOnlyList<Attempt> Attempts => _attempts.ToList();

    /// <summary>Every accepted card is checked against the Adaptive Card 1.5 schema (the benchmark turns this off).</summary>
    public bool ValidateCards { get; set; } = true;

    public static async Task<FakeBotConnector> StartAsync()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var connector = new FakeBotConnector(port);
        await connector._server.StartAsync();
        return connector;
    }

    /// <summary>The next <paramref name="times"/> posts to the conversation fail with <paramref name="status"/>.</summary>
    public void FailNext(string conversationId, int status, int times = 1, int? retryAfterSeconds = null)
    {
        var q = _scripted.GetOrAdd(conversationId, _ => new());
        for (var i = 0; i < times; i++) q.Enqueue((status, retryAfterSeconds));
    }

    /// <summary>Every post to the conversation fails with <paramref name="status"/> (403/404: the bot was removed).</summary>
    public void AlwaysFail(string conversationId, int status) => _always[conversationId] = status;

    public IReadOnlyList<Post> PostsTo(string conversationId) => _posts.Where(p => p.ConversationId == conversationId).ToList();

    /// <summary>The activities posted to a conversation, as Bot Framework activities.</summary>
    public IEnumerable<Activity> To(string conversationId) => PostsTo(conversationId).Select(p => p.Activity.ToObject<Activity>()!);

    /// <summary>Waits until an activity to <paramref name="conversationId"/> matching the predicate arrived.</summary>
    public async Task<Activity> WaitForAsync(string conversationId, Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task next;
            lock (_waitLock)
            {
                // Registered before looking, so an arrival in between is not missed.
                var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((_posts.Count + 1, tcs));
                next = tcs.Task;
            }
            if (To(conversationId).FirstOrDefault(match) is { } hit) return hit;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no matching activity reached {conversationId}");
            try { await next.WaitAsync(left); }
            catch (TimeoutException) { throw new TimeoutException($"no matching activity reached {conversationId}"); }
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> posts were accepted.</summary>
    public Task WaitForPostsAsync(int count, TimeSpan timeout)
    {
        lock (_waitLock)
        {
            if (_posts.Count >= count) return Task.CompletedTask;
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, tcs));
            return tcs.Task.WaitAsync(timeout);
        }
    }

    public void Reset()
    {
        _posts.Clear();
        _attempts.Clear();
    }

    private async Task<IResult> HandleAsync(string conversationId, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
        var now = DateTimeOffset.UtcNow;
        if (_always.TryGetValue(conversationId, out var permanent) ||
            (_scripted.TryGetValue(conversationId, out var q) && q.TryDequeue(out var next) && (permanent = Fail(next.Status, next.RetryAfter, request)) > 0))
        {
            _attempts.Enqueue(new Attempt(conversationId, permanent, now));
            return Results.Json(new { error = new { code = "Simulated", message = $"simulated {permanent}" } }, statusCode: permanent);
        }
        _attempts.Enqueue(new Attempt(conversationId, 201, now));
        lock (_waitLock)
        {
            var activity = JObject.Parse(body);
            if (ValidateCards)
                foreach (var card in activity["attachments"]?.Where(a => a.Value<string>("contentType") == "application/vnd.microsoft.card.adaptive") ?? [])
                    CardSchema.AssertValid(card["content"]!);
            _posts.Enqueue(new Post(conversationId, activity, now, request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
                request.HttpContext.Connection.Id));
            foreach (var w in _waiters.Where(w => _posts.Count >= w.Count).ToList())
            {
                w.Done.TrySetResult();
                _waiters.Remove(w);
            }
        }
        return Results.Json(new { id = "activity-" + Interlocked.Increment(ref _ids) }, statusCode: 201);
    }

    private static int Fail(int status, int? retryAfter, HttpRequest request)
    {
        if (retryAfter is { } s) request.HttpContext.Response.Headers.RetryAfter = s.ToString();
        return status;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
