using InvestBot.Access;
using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// The real bot (real adapter, Azurite tables under a fresh prefix) with a loopback Teams connector, its clock on
/// 2023-04-03 Beijing time by default: March is the month being checked, its deadline April 5.
/// </summary>
public abstract class KeyProjectBotTestBase : IAsyncLifetime
{
    protected const string Chaoyang = "town-chaoyang";
    protected const string Baoping = "town-baoping";

    protected BotApp App { get; private set; } = null!;
    protected BotClient Bot { get; private set; } = null!;
    protected FakeBotConnector Connector { get; private set; } = null!;

    /// <summary>The bot's clock; a stopped one by default (the delivery worker then waits, so publishing tests use a running one).</summary>
    protected virtual TimeProvider Clock { get; } = TestClock.AtBeijing(2023, 4, 3);

    /// <summary>Settings a test class adds (e.g. 督查 users).</summary>
    protected virtual IDictionary<string, string?> MoreSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Connector = await FakeBotConnector.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["InvestBot:Ranking:ScheduleEnabled"] = "false",
            ["InvestBot:Ranking:ProgressPollMilliseconds"] = "200",
            ["InvestBot:Ranking:IdlePollMilliseconds"] = "200",
            ["InvestBot:Ranking:ClaimSeconds"] = "10",
        };
        foreach (var (k, v) in MoreSettings) settings[k] = v;
        App = await BotApp.StartAsync(settings, s => s.AddSingleton(Clock));
        Bot = App.Client();
        Bot.ServiceUrl = Connector.ServiceUrl;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Connector.DisposeAsync();
    }

    protected KeyProjectStore Store => App.Service<KeyProjectStore>();

    protected Task BindAsync(TestUser user, string unitId) =>
        App.Service<IUnitBindingStore>().SetAsync(new UnitBinding(user.AadObjectId, user.Name, unitId, "test", DateTimeOffset.UtcNow));

    protected async Task<JObject> CardAsync(string text, TestUser user, TestConversation? where = null) =>
        Assert.Single((await Bot.SayAsync(text, user, where)).SelectMany(BotClient.Cards));

    protected async Task<string> SayAsync(string text, TestUser user, TestConversation? where = null) =>
        BotClient.AllText(await Bot.SayAsync(text, user, where));

    /// <summary>The Action.Execute with this verb, wherever it is on the card (actions or an ActionSet in the body).</summary>
    protected static JObject ActionOf(JObject card, string verb, string? title = null) =>
        card.SelectTokens("$..actions[*]").OfType<JObject>()
            .First(a => a.Value<string>("verb") == verb && (title is null || a.Value<string>("title") == title));

    /// <summary>What Teams sends for an Action.Execute: the action's data plus every input's value, with overrides.</summary>
    protected static JObject Submission(JObject card, string verb, IDictionary<string, string>? overrides = null)
    {
        var data = (JObject?)ActionOf(card, verb)["data"]?.DeepClone() ?? new JObject();
        foreach (var input in card.SelectTokens("$..body[*]").Concat(card.SelectTokens("$..items[*]")).OfType<JObject>()
                     .Where(e => e.Value<string>("type")?.StartsWith("Input.") == true))
            data[input.Value<string>("id")!] = input.Value<string>("value") ?? "";
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>())
            data[k] = v;
        return data;
    }

    protected static Dictionary<string, string> Details(string name = "动力电池正极材料项目", string kind = "domestic", string total = "50000",
        string stage = "negotiating") => new()
    {
        [ProjectFields.Name] = name,
        [ProjectFields.Kind] = kind,
        [ProjectFields.TotalInvestment] = total,
        [ProjectFields.Chain] = "battery",
        [ProjectFields.Stage] = stage,
        [ProjectFields.ExpectedStart] = "2023-06-30",
        [ProjectFields.ExpectedOperation] = "2024-06-30",
        [ProjectFields.Contact] = "李经理",
        [ProjectFields.ContactPhone] = "022-12345678",
    };

    /// <summary>登记项目 → fill the form → 登记; returns the card that replaced the form.</summary>
    protected async Task<InvokeResult> RegisterAsync(TestUser user, Dictionary<string, string>? details = null, string command = "登记项目")
    {
        var form = await CardAsync(command, user);
        return await Bot.ExecuteAsync(KeyProjectCards.RegisterVerb, Submission(form, KeyProjectCards.RegisterVerb, details ?? Details()), user);
    }

    protected async Task<KeyProject> RegisteredAsync(TestUser user, string unitId, string name = "动力电池正极材料项目", string total = "50000")
    {
        var result = await RegisterAsync(user, Details(name: name, total: total));
        Assert.Contains("已登记", BotClient.CardText(result.Card!));
        return (await Store.ListUnitAsync(unitId)).Single(p => p.Name == name);
    }

    protected static JObject Ref(KeyProject p) => new ProjectRefPayload(p.UnitId, p.Id).ToData();

    /// <summary>更新进展 → the progress form → 提交 with the values.</summary>
    protected async Task<InvokeResult> UpdateAsync(TestUser user, KeyProject p, string stage, string arrived, string problems = "")
    {
        var form = (await Bot.ExecuteAsync(KeyProjectCards.ProgressOpenVerb, Ref(p), user)).Card!;
        return await Bot.ExecuteAsync(KeyProjectCards.ProgressVerb, Submission(form, KeyProjectCards.ProgressVerb, new Dictionary<string, string>
        {
            [ProjectFields.Stage] = stage, [ProjectFields.Arrived] = arrived, [ProjectFields.Problems] = problems,
        }), user);
    }

    /// <summary>Every row (with its ETag) of the tables named — the ledger's by default — to prove that a refused request wrote nothing.</summary>
    protected async Task<List<string>> RowsAsync(params string[] tables)
    {
        var rows = new List<string>();
        foreach (var name in tables.Length == 0 ? [KeyProjectStore.Table] : tables)
        {
            var table = await App.Service<InvestBot.Storage.ITableProvider>().GetTableAsync(name);
            await foreach (var e in table.QueryAsync<Azure.Data.Tables.TableEntity>())
                rows.Add($"{name}|{e.PartitionKey}|{e.RowKey}|{e.ETag}");
        }
        return rows.Order().ToList();
    }
}
