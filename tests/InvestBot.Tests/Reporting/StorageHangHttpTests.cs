using System.Diagnostics;
using System.Net;
using InvestBot.Knowledge;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// Table Storage hangs (its own Azurite, frozen with SIGSTOP: connections open, nothing answers). Every turn still answers
/// in Chinese within 5 s and says only what is known; /healthz says 503 within 5 s; after the storage thaws everything works
/// again without a restart.
/// </summary>
[Trait("Category", "Http")]
[Collection(InvestBot.Tests.Infrastructure.TimingSensitiveCollection.Name)]
public sealed class StorageHangHttpTests : ReportingBotTestBase
{
    private static readonly TimeSpan UserPatience = TimeSpan.FromSeconds(5);
    private AzuriteServer _azurite = null!;

    protected override async Task BeforeStartAsync() => _azurite = await AzuriteServer.StartAsync();

    protected override async Task AfterStopAsync() => await _azurite.DisposeAsync();

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["InvestBot:StorageConnectionString"] = _azurite.ConnectionString,
        ["InvestBot:Ranking:WorkerEnabled"] = "false",
        ["InvestBot:TurnStorageSeconds"] = "3.5", // the production default
    };

    private static async Task<(T Result, TimeSpan Took)> TimedAsync<T>(Func<Task<T>> call)
    {
        var watch = Stopwatch.StartNew();
        var result = await call();
        return (result, watch.Elapsed);
    }

    [Fact]
    public async Task While_storage_hangs_every_turn_answers_within_5_s_and_everything_recovers_after()
    {
        var user = TestUser.Named("张三");
        await BindAsync(user, Chaoyang);
        var form = await FormAsync(user);
        var http = App.CreateClient();

        _azurite.Pause();
        try
        {
            var (question, questionTook) = await TimedAsync(() => Bot.SayAsync("外资企业要引进几家", user));
            var (submit, submitTook) = await TimedAsync(() => Bot.ExecuteAsync("report.submit", Submission(form, TownValues()), user));
            var (status, statusTook) = await TimedAsync(() => Bot.SayAsync("填报情况", TestUser.Admin));
            var (health, healthTook) = await TimedAsync(() => http.GetAsync("/healthz"));

            Assert.True(questionTook < UserPatience, $"question took {questionTook}");
            Assert.Contains("外资", BotClient.AllText(question)); // the answer, not an apology
            Assert.True(submitTook < UserPatience, $"submit took {submitTook}");
            Assert.Contains("尚未保存", submit.Message);
            Assert.Matches(@"（编号 [0-9a-f]{12}）", submit.Message);
            Assert.True(statusTook < UserPatience, $"status took {statusTook}");
            Assert.Contains("尚未保存", BotClient.AllText(status));
            Assert.True(healthTook < UserPatience, $"healthz took {healthTook}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

            // A question the bot cannot answer: answered at once; its log entry waits for storage instead of the user.
            var (unanswered, unansweredTook) = await TimedAsync(() => Bot.SayAsync("食堂几点开饭", user));
            Assert.True(unansweredTook < UserPatience, $"unanswered question took {unansweredTook}");
            Assert.Contains("没有找到", BotClient.AllText(unanswered));
        }
        finally
        {
            _azurite.Resume();
        }

        // No restart: the same app answers normally once storage is back.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await http.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "healthz did not recover");
            await Task.Delay(100); // polling for recovery
        }
        var saved = await Bot.ExecuteAsync("report.submit", Submission(form, TownValues()), user);
        Assert.Contains("已提交", BotClient.CardText(saved.Card!));
        Assert.NotNull(await Figures.GetAsync(March, Chaoyang));

        // The question asked during the hang reaches 未答问题's table once storage is back: not lost.
        var log = App.Service<KnowledgeFeedbackStore>();
        while (!(await log.RecentUnansweredAsync(10)).Any(q => q.Question == "食堂几点开饭"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the unanswered question asked during the hang was never stored");
            await Task.Delay(100); // polling the background writer
        }
    }
}
