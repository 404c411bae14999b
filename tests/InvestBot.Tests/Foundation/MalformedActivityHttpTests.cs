using System.Collections.Concurrent;
using System.Net;
using System.Text;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>Requests Teams never sends: 400 and a log line, never a 500 or a stack trace.</summary>
[Trait("Category", "Http")]
public sealed class MalformedActivityHttpTests : IAsyncLifetime
{
    private readonly LogRecorder _log = new();
    private BotApp _app = null!;

    public async Task InitializeAsync() => _app = await BotApp.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(_log));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static JObject Valid(string type = "message") => new()
    {
        ["type"] = type, ["id"] = "m1", ["text"] = "帮助", ["channelId"] = "msteams", ["serviceUrl"] = "http://127.0.0.1:9/unused/",
        ["deliveryMode"] = "expectReplies",
        ["from"] = new JObject { ["id"] = "29:u1", ["aadObjectId"] = "aad-u1", ["name"] = "张三" },
        ["recipient"] = new JObject { ["id"] = BotClient.BotId, ["name"] = "InvestBot" },
        ["conversation"] = new JObject { ["id"] = "a:malformed", ["conversationType"] = "personal" },
    };

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string json)
    {
        using var response = await _app.CreateClient().PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> Malformed()
    {
        JObject Without(string field) { var a = Valid(); a.Remove(field); return a; }
        JObject With(string field, JToken value, string type = "message") { var a = Valid(type); a[field] = value; return a; }
        var invoke = With("name", "adaptiveCard/action", "invoke");
        var invokeWithoutAction = (JObject)invoke.DeepClone();
        invokeWithoutAction["value"] = new JObject { ["trigger"] = "manual" };
        return new()
        {
            { Without("conversation").ToString(), "no conversation id" },
            { With("conversation", new JObject { ["conversationType"] = "personal" }).ToString(), "no conversation id" },
            { Without("from").ToString(), "no from id" },
            { Without("recipient").ToString(), "no recipient id" },
            { Without("serviceUrl").ToString(), "no valid serviceUrl" },
            { With("serviceUrl", "file:///etc/passwd").ToString(), "no valid serviceUrl" },
            { invoke.ToString(), "invoke without value.action" },
            { invokeWithoutAction.ToString(), "invoke without value.action" },
            { With("conversation", "a:just-a-string").ToString(), "wrong JSON type" },
            { With("from", new JArray()).ToString(), "wrong JSON type" },
            { With("text", new JObject { ["a"] = 1 }).ToString(), "wrong JSON type" },
            { With("attachments", "none").ToString(), "wrong JSON type" },
            { With("timestamp", "yesterday").ToString(), "wrong JSON type" },
            { With("type", 42).ToString(), "no type" },
            { "[1, 2, 3]", "not a JSON object" },
            { "{\"type\": \"message\", ", "not JSON" },
            { "", "not JSON" },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_activity_gets_400_and_a_log_line(string json, string reason)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain("   at ", body); // no stack trace
        Assert.Contains(_log.Lines, l => l.Contains("Rejected a malformed activity") && l.Contains(reason));
    }

    [Fact]
    public async Task The_same_activities_when_well_formed_are_answered()
    {
        var (message, body) = await PostAsync(Valid().ToString());
        var invoke = Valid("invoke");
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JObject { ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = "no.such.verb", ["data"] = new JObject() } };
        var (pressed, invokeBody) = await PostAsync(invoke.ToString());

        Assert.Equal(HttpStatusCode.OK, message);
        Assert.Contains("InvestBot", body);
        Assert.Equal(HttpStatusCode.OK, pressed);
        Assert.Contains("按钮", invokeBody);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("Rejected a malformed activity"));
    }

    /// <summary>Keeps every formatted log line of the app.</summary>
    private sealed class LogRecorder : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(LogRecorder owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
