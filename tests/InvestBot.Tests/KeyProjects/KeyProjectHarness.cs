using Azure.Data.Tables;
using InvestBot.Access;
using InvestBot.Common;
using InvestBot.KeyProjects;
using InvestBot.Knowledge;
using InvestBot.Organization;
using InvestBot.Reporting;
using InvestBot.Storage;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// The key-project capability wired by hand over fresh tables on the shared Azurite, with a clock the test moves
/// (reporting months are Beijing-time months). The data files are the shipped ones.
/// </summary>
public sealed class KeyProjectHarness
{
    public const string Chaoyang = "town-chaoyang";
    public const string Baoping = "town-baoping";
    public static readonly UnitDirectory Units = UnitDirectory.Load(RepoPaths.SourceData("units.json"));
    public static readonly MetricCatalog Catalog = MetricCatalog.Load(RepoPaths.SourceData("metrics.json"));
    public static readonly PolicyDocument Document = PolicyDocumentParser.Load(RepoPaths.SourceData("baodi-investment-30-measures-2023.txt"));
    public static readonly KeyProjectRules Rules = LoadRules();
    public static readonly UserIdentity Admin = new("aad-admin", "王主任");

    private KeyProjectHarness(TableProvider tables, FakeTimeProvider time)
    {
        Tables = tables;
        Time = time;
        var clock = new OfficeClock(time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Window = new ReportingWindow(Options.Create(new ReportingOptions()), clock);
        Roles = new UserRoles(Options.Create(new InvestBotOptions { Admins = [Admin.Id] }));
        Bindings = new TableUnitBindingStore(tables);
        Store = new KeyProjectStore(tables, Rules, time);
        Service = new KeyProjectService(Store, Rules, new ProjectValidator(Rules), Units, Bindings, Roles, Window);
        Views = new KeyProjectViews(Store, Service, Rules, Units, Roles, Window);
        Reports = new MajorProjectReportBuilder(Store, Rules, Units, time);
        Workbooks = new KeyProjectWorkbooks(Views, Store, Reports, Rules, clock);
        Supervision = new SupervisionDocument(Reports, new MajorProjectReportSections(Rules), Rules, clock);
    }

    public TableProvider Tables { get; }
    public FakeTimeProvider Time { get; }
    public ReportingWindow Window { get; }
    public UserRoles Roles { get; }
    public TableUnitBindingStore Bindings { get; }
    public KeyProjectStore Store { get; }
    public KeyProjectService Service { get; }
    public KeyProjectViews Views { get; }
    public MajorProjectReportBuilder Reports { get; }
    public KeyProjectWorkbooks Workbooks { get; }
    public SupervisionDocument Supervision { get; }

    /// <summary>A harness whose clock reads the given Beijing day (default 2023-04-03: March is being checked).</summary>
    public static async Task<KeyProjectHarness> StartAsync(int year = 2023, int month = 4, int day = 3) =>
        new(await TestTables.NewProviderAsync(), TestClock.AtBeijing(year, month, day));

    public void SetToday(int year, int month, int day) => Time.SetUtcNow(TestClock.Beijing(year, month, day));

    public static KeyProjectRules LoadRules()
    {
        var rules = KeyProjectRules.Load(RepoPaths.SourceData(KeyProjectRules.FileName), Catalog);
        rules.Validate(Document);
        return rules;
    }

    public async Task<UserIdentity> ReporterAsync(string name, string unitId)
    {
        var user = new UserIdentity("aad-" + name + "-" + Guid.NewGuid().ToString("N")[..6], name);
        await Bindings.SetAsync(new UnitBinding(user.Id, name, unitId, "test", DateTimeOffset.UtcNow));
        return user;
    }

    public static Dictionary<string, string?> DetailInputs(string name = "动力电池正极材料项目", string kind = "domestic", string total = "50000",
        string chain = "battery", string stage = "negotiating") => new()
    {
        [ProjectFields.Name] = name,
        [ProjectFields.Kind] = kind,
        [ProjectFields.TotalInvestment] = total,
        [ProjectFields.Chain] = chain,
        [ProjectFields.Stage] = stage,
        [ProjectFields.ExpectedStart] = "2023-06-30",
        [ProjectFields.ExpectedOperation] = "2024-06-30",
        [ProjectFields.Contact] = "李经理",
        [ProjectFields.ContactPhone] = "022-12345678",
    };

    public static Dictionary<string, string?> ProgressInputs(string stage, string arrived, string problems = "") => new()
    {
        [ProjectFields.Stage] = stage, [ProjectFields.Arrived] = arrived, [ProjectFields.Problems] = problems,
    };

    /// <summary>Registers through the service (the reporter's path) and returns the stored project.</summary>
    public async Task<KeyProject> RegisterAsync(UserIdentity user, string unitId, Dictionary<string, string?>? inputs = null)
    {
        var outcome = await Service.RegisterAsync(user, unitId, ProjectIds.New(), inputs ?? DetailInputs());
        Time.Advance(TimeSpan.FromSeconds(1)); // registration order is creation time
        return Done(outcome).Status.Project;
    }

    public async Task<KeyProject> ProgressAsync(UserIdentity user, KeyProject project, string stage, string arrived, string problems = "")
    {
        var outcome = await Service.RecordProgressAsync(user, project.UnitId, project.Id, Service.CheckMonth.Key, project.Revision,
            ProgressInputs(stage, arrived, problems));
        return Done(outcome).Status.Project;
    }

    public async Task<KeyProject> MarkAsync(KeyProject project, string level) =>
        Done(await Service.MarkAsync(Admin, project.UnitId, project.Id, project.Revision, level)).Status.Project;

    public static ProjectDetail Done(ProjectOutcome outcome) => outcome switch
    {
        ProjectOutcome.Done d => d.Detail,
        ProjectOutcome.Form f => throw new Xunit.Sdk.XunitException("form came back: " + string.Join("; ", f.Value.Errors.Values) + " " + f.Value.Notice),
        ProjectOutcome.Progress p => throw new Xunit.Sdk.XunitException("progress form came back: " + string.Join("; ", p.Value.Errors.Values) + " " + p.Value.Notice),
        ProjectOutcome.Denied d => throw new Xunit.Sdk.XunitException("denied: " + d.Reason),
        _ => throw new Xunit.Sdk.XunitException("unexpected outcome"),
    };

    /// <summary>Every row of the table (all kinds), to prove that a rejected change wrote nothing.</summary>
    public async Task<List<(string Partition, string Row, string ETag)>> RowsAsync()
    {
        var table = await Tables.GetTableAsync(KeyProjectStore.Table);
        var rows = new List<(string, string, string)>();
        await foreach (var e in table.QueryAsync<TableEntity>())
            rows.Add((e.PartitionKey, e.RowKey, e.ETag.ToString()));
        return rows.OrderBy(r => r.Item1).ThenBy(r => r.Item2).ToList();
    }
}
