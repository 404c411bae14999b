using System.Diagnostics.Metrics;
using InvestBot.Ranking;
using InvestBot.Announcements;
using InvestBot.Teams;
using InvestBot.Common;
using InvestBot.Hosting;
using InvestBot.Tests.Infrastructure;
using InvestBot.Tests.Ranking;
using InvestBot.Tests.Reporting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace InvestBot.Tests.Deployment;

/// <summary>The "InvestBot" meter, read with a MeterListener while the real app handles turns.</summary>
[Trait("Category", "Http")]
public sealed class TelemetryTests : ReportingBotTestBase
{
    private MetricRecorder Recorder => _recorder ??= new MetricRecorder(App.Service<IMeterFactory>());
    private MetricRecorder? _recorder;

    [Fact]
    public async Task Turns_and_questions_are_counted_by_kind_and_outcome()
    {
        var user = TestUser.Named("李四");
        _ = Recorder;

        await Bot.SayAsync("第22条", user);
        await Bot.SayAsync("外资企业要引进几家", user);
        await Bot.SayAsync("第99条", user);
        await Bot.SayAsync("今天食堂吃什么", user);

        Assert.Equal(4, Recorder.Sum("investbot.turns", ("kind", "message")));
        Assert.Equal(2, Recorder.Sum("investbot.questions", ("outcome", "answered")));
        Assert.Equal(2, Recorder.Sum("investbot.questions", ("outcome", "unsure")) + Recorder.Sum("investbot.questions", ("outcome", "unanswered")));
        Assert.True(Recorder.Sum("investbot.questions", ("outcome", "unanswered")) >= 1); // 第99条: the notice has 30 articles
        Assert.Equal(0, Recorder.Sum("investbot.errors"));
    }

    [Fact]
    public async Task Submissions_are_counted_saved_or_rejected_with_the_reason()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        _ = Recorder;

        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues("-4")), user);
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues("4")), user);
        var stranger = TestUser.Named("王五");
        await Bot.ExecuteAsync("report.submit", Submission(await FormAsync(user), TownValues("5")), stranger);

        Assert.Equal(1, Recorder.Sum("investbot.submissions", ("outcome", "saved")));
        Assert.Equal(1, Recorder.Sum("investbot.submissions", ("outcome", "rejected"), ("reason", "invalid")));
        Assert.Equal(1, Recorder.Sum("investbot.submissions", ("outcome", "rejected"), ("reason", "denied")));
        Assert.Equal(3, Recorder.Sum("investbot.turns", ("kind", "invoke/adaptiveCard/action")));
    }

    [Fact]
    public async Task An_unhandled_error_is_counted_by_kind_and_the_user_gets_the_apology()
    {
        await using var app = await BotApp.StartAsync(services: s =>
        {
            s.RemoveAll<IFreeTextHandler>();
            s.AddSingleton<IFreeTextHandler, ThrowingHandler>();
        });
        using var recorder = new MetricRecorder(app.Service<IMeterFactory>());

        var replies = await app.Client().SayAsync("故障测试", TestUser.Named("赵六"));

        Assert.Contains("抱歉，处理时出错了，尚未保存任何内容", BotClient.AllText(replies));
        Assert.Equal(1, recorder.Sum("investbot.errors", ("where", "turn"), ("kind", nameof(TimeoutException))));
    }

    [Fact]
    public void Application_Insights_is_used_when_its_connection_string_is_set_and_the_console_otherwise()
    {
        static TelemetryExporter For(params (string, string)[] settings) => TelemetryRegistration.ExporterFor(
            new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Item1, s => (string?)s.Item2)).Build());

        Assert.Equal(TelemetryExporter.Console, For());
        Assert.Equal(TelemetryExporter.AzureMonitor, For(("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://chinaeast2-0.in.applicationinsights.azure.cn/")));
        Assert.Equal(TelemetryExporter.None, For(("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=x"), ("InvestBot:Telemetry:Exporter", "none")));
    }

    /// <summary>Stands in for the Q&amp;A and fails the way a broken dependency would.</summary>
    private sealed class ThrowingHandler : IFreeTextHandler
    {
        public Task<bool> TryHandleAsync(MessageRequest request, CancellationToken ct) =>
            request.Text.Trim() == "故障测试" ? throw new TimeoutException("simulated") : Task.FromResult(false);
    }
}

/// <summary>Deliveries, 429s and the queue-depth gauge, with the loopback Bot Connector and a real Azurite queue.</summary>
[Trait("Category", "Http")]
public sealed class DeliveryTelemetryTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task Deliveries_are_counted_sent_retried_and_gone_and_429s_separately()
    {
        await using var bot = await RankingBot.StartAsync(_connector, RankingSamples.Figures(3));
        using var recorder = new MetricRecorder(bot.Service<IMeterFactory>());
        var ids = await bot.SeedSubscribedGroupsAsync(_connector.ServiceUrl, 4);
        _connector.FailNext(ids[0], 429, times: 1, retryAfterSeconds: 1);
        _connector.FailNext(ids[1], 500, times: 1);
        _connector.AlwaysFail(ids[2], 404);

        var outcome = await bot.PublishAsync(new RankingPeriod(2023, 3));
        await bot.WaitForStateAsync(outcome.Announcement!.Id, AnnouncementState.Completed, TimeSpan.FromSeconds(60));

        Assert.Equal(3, recorder.Sum("investbot.deliveries", ("outcome", "sent")));
        Assert.Equal(2, recorder.Sum("investbot.deliveries", ("outcome", "retried")));
        Assert.Equal(1, recorder.Sum("investbot.deliveries", ("outcome", "gone")));
        Assert.Equal(0, recorder.Sum("investbot.deliveries", ("outcome", "failed")));
        Assert.Equal(1, recorder.Sum("investbot.throttled", ("host", "127.0.0.1")));
    }

    [Fact]
    public async Task The_queue_depth_gauge_reports_waiting_deliveries()
    {
        await using var app = await BotApp.StartAsync(new Dictionary<string, string?> { ["InvestBot:Ranking:WorkerEnabled"] = "false" });
        using var recorder = new MetricRecorder(app.Service<IMeterFactory>());
        _ = app.Service<InvestBotMetrics>();
        await app.Service<DeliveryQueue>().EnqueueAsync(Enumerable.Range(0, 3).Select(i => new DeliveryTicket("2023-03", $"19:c{i}")));

        var depth = await recorder.ObserveUntilAsync("investbot.delivery.queue_depth", d => d == 3, TimeSpan.FromSeconds(20));

        Assert.Equal(3, depth);
    }
}
