using Microsoft.Extensions.Time.Testing;
using InvestBot.Access;
using InvestBot.Reporting;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Reporting;

/// <summary>
/// The real bot on fresh Azurite tables, its clock fixed at 2023-04-03 10:00 Beijing time (March is open for
/// reporting), and a loopback Teams connector receiving its proactive messages.
/// </summary>
public abstract class ReportingBotTestBase : IAsyncLifetime
{
    protected const string Chaoyang = "town-chaoyang";
    protected static readonly ReportingMonth March = new(2023, 3);

    protected FakeTimeProvider Time { get; } = TestClock.AtBeijing(2023, 4, 3);
    protected BotApp App { get; private set; } = null!;
    protected BotClient Bot { get; private set; } = null!;
    protected FakeBotConnector Connector { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Runs before the bot starts (e.g. a test's own Azurite, which <see cref="Settings"/> then points at).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    /// <summary>Services a test class replaces at the HTTP boundary (the connector is running by then).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public async Task InitializeAsync()
    {
        await BeforeStartAsync();
        Connector = await FakeBotConnector.StartAsync();
        App = await BotApp.StartAsync(Settings, s =>
        {
            s.AddSingleton<TimeProvider>(Time);
            ConfigureServices(s);
        });
        Bot = App.Client();
        Bot.ServiceUrl = Connector.ServiceUrl;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Connector.DisposeAsync();
        await AfterStopAsync();
    }

    protected MonthlyFiguresStore Figures => App.Service<MonthlyFiguresStore>();

    protected Task BindAsync(TestUser user, string unitId) =>
        App.Service<IUnitBindingStore>().SetAsync(new UnitBinding(user.AadObjectId, user.Name, unitId, "test", DateTimeOffset.UtcNow));

    protected async Task<JObject> FormAsync(TestUser user, string command = "填报")
    {
        var replies = await Bot.SayAsync(command, user);
        var card = Assert.Single(replies.SelectMany(BotClient.Cards));
        Assert.Equal("report.submit", card.SelectToken("actions[0].verb")?.ToString());
        return card;
    }

    /// <summary>What Teams would send for an Action.Execute on <paramref name="card"/>: its data plus every input's value.</summary>
    protected static JObject Submission(JObject card, IDictionary<string, string>? overrides = null)
    {
        var data = (JObject)card.SelectToken("actions[0].data")!.DeepClone();
        foreach (var input in card.SelectTokens("$..body[?(@.type == 'Input.Text')]"))
            data[input.Value<string>("id")!] = input.Value<string>("value") ?? "";
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>())
            data[k] = v;
        return data;
    }

    /// <summary>A complete, valid set of a town's figures.</summary>
    protected static Dictionary<string, string> TownValues(string projects = "4") => new()
    {
        ["m_domesticProjects"] = projects, ["m_domesticProjects10m"] = "2", ["m_domesticProjects100m"] = "1",
        ["m_domesticCapital"] = "1500.5", ["m_hqEnterprises"] = "3", ["m_foreignEnterprises"] = "0", ["m_foreignCapital"] = "0",
        ["m_marketEntities"] = "40", ["m_physicalProjects"] = "2", ["m_teamSize"] = "6", ["m_promotionEvents"] = "1",
        ["m_chainLeaderContacts"] = "1",
    };

    protected static string InputValue(JObject card, string metricId) =>
        card.SelectToken($"$..body[?(@.id == 'm_{metricId}')].value")?.ToString() ?? "";
}
