using InvestBot.Common;
using InvestBot.KeyProjects.Bot;
using InvestBot.Knowledge;
using InvestBot.Knowledge.Bot;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Reporting.Bot;
using InvestBot.Teams.Commands;
using Microsoft.Extensions.Options;

namespace InvestBot.KeyProjects;

public static class KeyProjectsModule
{
    public static IServiceCollection AddKeyProjects(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var rules = KeyProjectRules.Load(Path.Combine(sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.DataDirectory, KeyProjectRules.FileName),
                sp.GetRequiredService<MetricCatalog>());
            rules.Validate(sp.GetRequiredService<KnowledgeBase>().Document);
            return rules;
        });
        services.AddHostedService<KeyProjectRulesCheck>();
        services.AddSingleton<ProjectValidator>();
        services.AddSingleton<KeyProjectStore>();
        services.AddSingleton<KeyProjectService>();
        services.AddSingleton<KeyProjectViews>();
        services.AddSingleton<MajorProjectReportBuilder>();
        services.AddSingleton<KeyProjectWorkbooks>();
        services.AddSingleton<MajorProjectReportSections>();
        services.AddSingleton<SupervisionDocument>();
        services.AddSingleton<MajorProjectReportWord>();
        services.AddSingleton<IAnnouncementDocument, MajorProjectReportDocument>();
        services.AddSingleton<MajorProjectPublisher>();

        // Teams glue: the command table section, cards, the report as an announcement kind of the shared delivery.
        services.AddSingleton<KeyProjectCards>();
        services.AddSingleton<ProjectReplies>();
        services.AddSingleton<QuarterArgument>();
        services.AddSingleton(sp => new MajorProjectReportCards(sp.GetRequiredService<KeyProjectRules>(), sp.GetRequiredService<OfficeClock>(),
            links: sp.GetRequiredService<AnnouncementDocumentLinks>()));
        services.AddSingleton<IAnnouncementKind>(sp => sp.GetRequiredService<MajorProjectReportCards>());
        services.AddSingleton<IReminderContribution, KeyProjectReminders>();
        services.AddSingleton<IArticleButtons, KeyProjectArticleButtons>();
        services.AddCommandSection(KeyProjectCommands.Section);
        return services;
    }
}

public static class KeyProjectEndpoints
{
    public const string LedgerPath = "/api/keyprojects/ledger";
    public const string SupervisionPath = "/api/keyprojects/supervision";
    /// <summary>The 督查报告 as a Word document; its own path, so an Excel link does not open it (the path is signed).</summary>
    public const string SupervisionDocumentPath = "/api/keyprojects/supervision-report";

    /// <summary>The signed downloads: the ledger of a month and the 督查报告 of a quarter.</summary>
    public static void MapKeyProjectEndpoints(this WebApplication app)
    {
        app.MapGet(LedgerPath + "/{month}", async (string month, string? exp, string? sig, ExportLinks links, KeyProjectWorkbooks books,
            CancellationToken ct) => ReportingMonth.TryParse(month) is { } m && m.Key == month
            ? await DownloadAsync(links, LedgerPath, m.Key, exp, sig, () => books.LedgerAsync(m, ct), KeyProjectWorkbooks.LedgerFileName(m), $"导出项目 {m.Key}", ct)
            : BadRequest("月份不正确。"));
        app.MapGet(SupervisionPath + "/{quarter}", async (string quarter, string? exp, string? sig, ExportLinks links, KeyProjectWorkbooks books,
            CancellationToken ct) => ReportQuarter.TryParseKey(quarter) is { } q
            ? await DownloadAsync(links, SupervisionPath, q.Key, exp, sig, () => books.SupervisionAsync(q, ct), KeyProjectWorkbooks.SupervisionFileName(q), $"督查报告 {q.Key}", ct)
            : BadRequest("季度不正确。"));
        app.MapGet(SupervisionDocumentPath + "/{quarter}", async (string quarter, string? exp, string? sig, ExportLinks links, SupervisionDocument document,
            CancellationToken ct) => ReportQuarter.TryParseKey(quarter) is { } q
            ? await DownloadAsync(links, SupervisionDocumentPath, q.Key, exp, sig, () => document.BuildAsync(q, ct), SupervisionDocument.FileName(q), $"督查报告 {q.Key}", ct,
                Common.Documents.OfficialDocument.ContentType)
            : BadRequest("季度不正确。"));
    }

    private static async Task<IResult> DownloadAsync(ExportLinks links, string path, string resource, string? exp, string? sig,
        Func<Task<byte[]>> build, string fileName, string command, CancellationToken ct, string contentType = KeyProjectWorkbooks.ContentType) =>
        await links.VerifyAsync(path, resource, exp, sig, ct) switch
        {
            ExportLinks.Check.Valid => Results.File(await build(), contentType, fileName),
            ExportLinks.Check.Expired => Results.Text($"下载链接已过期，请在 Teams 中重新发送“{command}”。", "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status410Gone),
            _ => Results.Text("下载链接无效。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden),
        };

    private static IResult BadRequest(string text) => Results.Text(text, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
