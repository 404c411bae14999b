using System.Net;
using System.Text;
using InvestBot.Hosting;
using InvestBot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// The trust boundary of /api/messages, tried as an attacker would through the real adapter: other channels, other
/// tenants, no AAD object id, huge bodies, a script's rate, a parser's error text. Nothing refused is answered or stored.
/// </summary>
[Trait("Category", "Http")]
public sealed class TrustBoundaryHttpTests : IAsyncLifetime
{
    private const string OfficeTenant = "tenant-test"; // what BotClient sends
    private readonly StorageRequestCounter _storage = new();
    private readonly BodyReadCounter.Total _bodyBytesRead = new();
    private BotApp _app = null!;
    private BotClient _bot = null!;

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteServer.Shared;
        _app = await BotApp.StartAsync(new Dictionary<string, string?>
        {
            ["InvestBot:AllowedTenants:0"] = OfficeTenant,
            ["InvestBot:RateLimit:Burst"] = "8",
            ["InvestBot:RateLimit:PerMinute"] = "1",
        }, services =>
        {
            _storage.Register(services, azurite.ConnectionString);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new BodyReadCounter(_bodyBytesRead));
        });
        _bot = _app.Client();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static JObject Message(string text, string user = "aad-boundary-user")
    {
        var json = JObject.FromObject(new
        {
            type = "message", id = "m1", text, channelId = "msteams", serviceUrl = "http://127.0.0.1:9/unused/", deliveryMode = "expectReplies",
            from = new { id = "29:attacker", aadObjectId = user, name = "访客" },
            recipient = new { id = BotClient.BotId, name = "InvestBot" },
            conversation = new { id = "a:boundary-" + user, conversationType = "personal", tenantId = OfficeTenant },
            channelData = new { tenant = new { id = OfficeTenant } },
        });
        return json;
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(JObject activity) =>
        await PostAsync(new StringContent(activity.ToString(Formatting.None), Encoding.UTF8, "application/json"));

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpContent content)
    {
        using var response = await _app.CreateClient().PostAsync("/api/messages", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    [InlineData("MSTEAMS")]
    public async Task An_activity_from_another_channel_is_refused_with_403_unanswered_and_unstored(string channel)
    {
        var (ok, _) = await PostAsync(Message("帮助")); // warms the app: tables exist, first-turn work done
        Assert.Equal(HttpStatusCode.OK, ok);
        _storage.Reset();
        var activity = Message("评分规则", BotApp.AdminAadId);
        activity["channelId"] = channel;

        var (status, body) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("评分", body);
        AssertNothingOfTheTurnStored();
    }

    [Theory]
    [InlineData("tenant-other", "tenant-other")]
    [InlineData("tenant-other", null)]
    [InlineData(null, "tenant-other")]
    [InlineData(OfficeTenant, "tenant-other")] // the two places disagree
    [InlineData(null, null)]
    public async Task An_activity_of_another_tenant_is_refused_before_any_handler(string? conversationTenant, string? channelDataTenant)
    {
        var activity = Message("绑定 潮阳街道");
        activity["conversation"]!["tenantId"] = conversationTenant;
        activity["channelData"] = channelDataTenant is null ? new JObject() : new JObject { ["tenant"] = new JObject { ["id"] = channelDataTenant } };
        _storage.Reset();

        var (status, body) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("绑定", body);
        AssertNothingOfTheTurnStored();
    }

    /// <summary>No request to a table a turn would read or write (the scheduler's and delivery worker's own
    /// bookkeeping runs in the background and is not the turn's).</summary>
    private void AssertNothingOfTheTurnStored()
    {
        string[] turnTables = ["Conversations", "BindingRequests", "UnitBindings", "KnowledgeUnanswered", "KnowledgeFeedback", "RankingSubscriptions"];
        Assert.DoesNotContain(_storage.Requests, r => turnTables.Any(t => r.Contains(t, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_office_tenant_in_either_place_is_answered()
    {
        var onlyChannelData = Message("帮助");
        onlyChannelData["conversation"]!["tenantId"] = null;
        var (status, body) = await PostAsync(onlyChannelData);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("InvestBot", body);
    }

    [Fact]
    public async Task Without_an_aad_object_id_the_sender_is_nobody_even_when_from_id_is_an_admins_object_id()
    {
        var admin = new TestUser(BotApp.AdminAadId, "", "冒充的管理员");
        var replies = await _bot.SayAsync("评分规则", admin);
        var pressed = await _bot.ExecuteAsync("ranking.publish.confirm", new JObject(), admin);

        var text = BotClient.AllText(replies);
        Assert.Contains("无法确认您的 Teams 身份", text);
        Assert.DoesNotContain("评分规则", text);
        Assert.Equal(InvestBot.Teams.BotTexts.UnknownUser, pressed.Message);
    }

    [Fact]
    public async Task A_body_over_256_KB_is_refused_with_413_before_it_is_read()
    {
        var (status, _) = await PostAsync(new GeneratedContent(1024 * 1024, chunked: false));
        var declaredRead = _bodyBytesRead.Reset();
        using var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new GeneratedContent(1024 * 1024, chunked: true) };
        chunkedRequest.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await _app.CreateClient().SendAsync(chunkedRequest);
        var chunkedStatus = chunkedResponse.StatusCode;
        var chunkedRead = _bodyBytesRead.Reset();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(0, declaredRead); // refused on its Content-Length: the app never read the body
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedStatus);
        // Without a length: the app stops reading just past the limit; it never holds the megabyte.
        Assert.InRange(chunkedRead, 256 * 1024, 256 * 1024 + 16 * 1024);
    }

    [Fact]
    public async Task A_malformed_body_gets_400_without_the_parsers_words()
    {
        var (status, body) = await PostAsync(new StringContent("{\"type\": \"message\", \"text\": \"<script>", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("malformed activity", JObject.Parse(body).Value<string>("error"));
        Assert.DoesNotContain("script", body);
        Assert.DoesNotContain("line", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Path", body);
    }

    [Fact]
    public async Task A_script_over_the_per_user_rate_gets_429_in_Chinese_and_other_users_are_still_answered()
    {
        var statuses = new List<HttpStatusCode>();
        string? refused = null;
        for (var i = 0; i < 12; i++)
        {
            var (status, body) = await PostAsync(Message("帮助", "aad-script"));
            statuses.Add(status);
            if (status == HttpStatusCode.TooManyRequests) refused = body;
        }
        var (other, _) = await PostAsync(Message("帮助", "aad-colleague"));

        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.OK)); // the burst
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(TurnRateLimiting.OverLimit, JObject.Parse(refused!).Value<string>("message"));
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task Healthz_probes_storage_at_most_once_in_5_seconds()
    {
        using var http = _app.CreateClient();
        await http.GetAsync("/healthz");
        _storage.Reset();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        Assert.True(_storage.Count <= 1, string.Join(", ", _storage.Requests));
    }

    /// <summary>A body produced as it is sent (nothing buffered on the client).</summary>
    private sealed class GeneratedContent(long length, bool chunked) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 16 * 1024));
            for (long sent = 0; sent < length; sent += chunk.Length)
                await stream.WriteAsync(chunk);
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return !chunked;
        }
    }

    /// <summary>Counts the bytes the app reads from request bodies (a wrapper put in front of the whole pipeline).</summary>
    private sealed class BodyReadCounter(BodyReadCounter.Total total) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public sealed class Total
        {
            private long _bytes;
            public void Add(int n) => Interlocked.Add(ref _bytes, n);
            public long Reset() => Interlocked.Exchange(ref _bytes, 0);
        }

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(proceed => context =>
            {
                context.Request.Body = new Counting(context.Request.Body, total);
                return proceed(context);
            });
            next(app);
        };

        private sealed class Counting(Stream inner, Total total) : Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); total.Add(n); return n; }
            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) { var n = await inner.ReadAsync(buffer, ct); total.Add(n); return n; }
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
