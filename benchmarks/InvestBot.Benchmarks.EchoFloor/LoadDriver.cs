using System.Diagnostics;
using System.Net;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace InvestBot.Benchmarks.EchoFloor;

/// <summary>Latencies of one measured series, in milliseconds.</summary>
public sealed class Latencies(IEnumerable<double> values)
{
    private readonly double[] _sorted = values.Order().ToArray();

    public int Count => _sorted.Length;
    public double P50 => Percentile(50);
    public double P99 => Percentile(99);
    public double Mean => _sorted.Average();

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p) => _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public static Latencies Merge(IEnumerable<Latencies> parts) => new(parts.SelectMany(p => p._sorted));
}

/// <summary>
/// Many Teams users talking to a bot at once over HTTP in expectReplies mode: each user is a loop that posts its
/// next message as soon as the previous reply arrived (closed loop), as in a busy personal chat.
/// Payloads are serialised up front so the driver spends its CPU on sending, not on JSON.
/// </summary>
public sealed class LoadDriver : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>One personal-chat message from the user, as Teams would post it (with expectReplies).</summary>
    public static byte[] Message(string text, string userId, string conversationId)
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["text"] = text,
            ["channelId"] = "msteams",
            ["serviceUrl"] = "http://127.0.0.1:9/unused-connector/",
            ["deliveryMode"] = "expectReplies",
            ["locale"] = "zh-CN",
            ["from"] = new JObject { ["id"] = "29:" + userId, ["aadObjectId"] = userId, ["name"] = "用户" + userId[..4] },
            ["recipient"] = new JObject { ["id"] = "28:investbot", ["name"] = "InvestBot" },
            ["conversation"] = new JObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "tenant-bench" },
            ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = "tenant-bench" } },
        };
        return Encoding.UTF8.GetBytes(activity.ToString(Formatting.None));
    }

    /// <summary>Payloads for <paramref name="users"/> users, each saying every text (user u starts at text u).</summary>
    public static byte[][][] PerUser(IReadOnlyList<string> texts, int users) =>
        Enumerable.Range(0, users).Select(u =>
        {
            var id = Guid.NewGuid().ToString();
            return Enumerable.Range(0, texts.Count).Select(i => Message(texts[(u + i) % texts.Count], id, "a:bench-" + id)).ToArray();
        }).ToArray();

    /// <summary>Sends <paramref name="total"/> messages split over the users; returns each turn's latency.</summary>
    /// <remarks>The replies are read into a buffer each user reuses, not decoded into strings: the driver shares the two
    /// cores with the server, and its own allocations (and the GC pauses they bring, which delay every reply in flight)
    /// would otherwise grow with the size of the reply and be charged to the bot with the larger replies.</remarks>
    /// <param name="onTurn">Called with each turn's payload and latency (ms), for finding which questions are slow.</param>
    public async Task<Latencies> RunAsync(string url, byte[][][] payloads, int total, Action<byte[], double>? onTurn = null)
    {
        var next = -1;
        var results = new double[total];
        var endpoint = new Uri(url + "/api/messages");
        async Task User(byte[][] mine)
        {
            var sent = 0;
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var slot = Interlocked.Increment(ref next);
                if (slot >= total) return;
                var body = mine[sent++ % mine.Length];
                var start = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                int read, length = 0;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                    length += read;
                results[slot] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                onTurn?.Invoke(body, results[slot]);
                if (response.StatusCode != HttpStatusCode.OK || length == 0)
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} with {length} bytes: " +
                        Encoding.UTF8.GetString(buffer, 0, Math.Min(length, Math.Min(300, buffer.Length))));
            }
        }
        await Task.WhenAll(payloads.Select(p => Task.Run(() => User(p))));
        return new Latencies(results);
    }

    public void Dispose() => _http.Dispose();
}
