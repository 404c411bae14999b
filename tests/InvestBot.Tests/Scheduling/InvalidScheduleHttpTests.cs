using Azure.Data.Tables;
using InvestBot.Conversations;
using InvestBot.Scheduling;
using InvestBot.Storage;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Scheduling;

[Trait("Category", "Http")]
public sealed class InvalidScheduleHttpTests
{
    [Fact]
    public async Task A_bad_cron_disables_only_its_job_the_host_keeps_answering_and_the_admins_are_told_once()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        var prefix = TestTables.NewPrefix();
        var adminChat = "a:admin-personal";
        // The admin's chat exists before the instances start, as it would in production.
        var azurite = await AzuriteServer.Shared;
        await new TableConversationStore(new TableProvider(new TableServiceClient(azurite.ConnectionString), prefix), TimeProvider.System)
            .UpsertAsync(new ConversationRecord
            {
                ConversationId = adminChat, ConversationType = "personal", ServiceUrl = connector.ServiceUrl, ChannelId = "msteams",
                UserAadObjectId = BotApp.AdminAadId, UserId = "29:admin", UserName = "合作办管理员",
            });
        var settings = new Dictionary<string, string?>
        {
            ["InvestBot:TablePrefix"] = prefix,
            ["InvestBot:Reporting:ReminderCron"] = "every morning",
            ["InvestBot:Ranking:WorkerEnabled"] = "false",
        };
        await using var a = await BotApp.StartAsync(settings);
        await using var b = await BotApp.StartAsync(settings);
        var clientA = a.Client();
        var clientB = b.Client();

        var notice = await connector.WaitForAsync(adminChat, x => x.Text?.Contains("配置错误") == true, TimeSpan.FromSeconds(30));
        var answer = BotClient.AllText(await clientB.SayAsync("第22条", TestUser.Named("张三")));
        await WaitAsync(() => new[] { a, b }.All(x => x.Service<JobScheduler>().Status["report-reminders"].ErrorReported));

        Assert.Contains("InvestBot:Reporting:ReminderCron", notice.Text);
        Assert.Contains("every morning", notice.Text);
        Assert.Contains("填报提醒未启用", notice.Text);
        Assert.Contains("（二十二）", answer);
        Assert.Single(connector.To(adminChat), x => x.Text?.Contains("配置错误") == true);
        var ranking = a.Service<JobScheduler>().Status["ranking-publish"];
        Assert.Null(ranking.Error);
        Assert.NotNull(ranking.WakeAt);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the instances did not finish reporting the bad schedule");
            await Task.Delay(20); // polling the schedulers' state
        }
    }
}
