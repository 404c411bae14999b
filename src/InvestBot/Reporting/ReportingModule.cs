using InvestBot.Common;
using InvestBot.Reporting.Bot;
using InvestBot.Scheduling;
using InvestBot.Teams.Commands;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting;

public static class ReportingModule
{
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportingOptions>().Bind(configuration.GetSection(ReportingOptions.Section))
            // A short HMAC key makes every download link guessable; the shared random key is used when none is configured.
            .Validate(o => string.IsNullOrEmpty(o.DownloadSigningKey) || System.Text.Encoding.UTF8.GetByteCount(o.DownloadSigningKey) >= 32,
                "InvestBot:Reporting:DownloadSigningKey must be at least 32 bytes (or left empty for a generated key).")
            .ValidateOnStart();

        services.AddSingleton(sp => MetricCatalog.Load(Path.Combine(sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.DataDirectory, "metrics.json")));
        services.AddSingleton<MonthlyFiguresStore>();
        services.AddSingleton<OpeningBalanceStore>();
        services.AddSingleton<OpeningBalanceService>();
        services.AddSingleton<UnitYearReader>();
        services.AddSingleton<PublishedRankings>();
        services.AddSingleton<AnnualTargetStore>();
        services.AddSingleton<BindingRequestStore>();
        services.AddSingleton<ReopenStore>();
        services.AddSingleton<ReportingWindow>();
        services.AddSingleton<FigureFormService>();
        services.AddSingleton<BindingService>();
        services.AddSingleton<RosterStore>();
        services.AddSingleton<ReporterRoster>();
        services.AddSingleton<Access.IPersonSeenListener>(sp => sp.GetRequiredService<ReporterRoster>());
        services.AddSingleton<ReportingViews>();
        services.AddSingleton<IMonthlyFiguresReader, MonthlyFiguresReader>();
        services.AddSingleton(sp =>
        {
            var district = DistrictTargets.Load(Path.Combine(
                sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.DataDirectory, "district-targets.json"));
            var kinds = sp.GetRequiredService<Organization.UnitDirectory>().Kinds;
            foreach (var kind in district.Attribution.CountedKinds.Where(k => kinds.All(x => x.Id != k)))
                throw new InvalidDataException($"district-targets.json：attribution.countedKinds 中的类别 {kind} 不存在（见 units.json 的 kinds）");
            return district;
        });
        services.AddSingleton(sp =>
        {
            var requirements = UnitRequirements.Load(Path.Combine(
                sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.DataDirectory, "unit-requirements.json"));
            requirements.Validate(sp.GetRequiredService<MetricCatalog>(), sp.GetRequiredService<Organization.UnitDirectory>());
            return requirements;
        });
        services.AddSingleton<TargetService>();
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<Announcements.IDownloadSigner>(sp => sp.GetRequiredService<ExportLinks>());
        services.AddSingleton<FiguresWorkbook>();
        services.AddSingleton<ReminderPlanner>();
        // A file's URL comes from the activity: redirects are never followed (a 3xx is refused), see AttachedTableReader.
        services.AddHttpClient(Bot.AttachedTableReader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxResponseDrainSize = 0, // a body cut off at the cap closes the connection instead of being drained
            });
        services.AddSingleton<Bot.AttachedTableReader>();

        // Teams glue of this capability: its rows of the command table and its reminder job.
        services.AddCommandSection(ReportingCommands.Section);
        services.AddSingleton<ChangeAfterPublication>();
        services.AddSingleton<ReminderSender>();
        services.AddSingleton<ReportReminderJob>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<ReportReminderJob>());
        return services;
    }
}

public static class ReportingEndpoints
{
    /// <summary>HTTP endpoints of monthly reporting (the signed Excel download link).</summary>
    public static void MapReportingEndpoints(this WebApplication app)
    {
        app.MapGet(ExportLinks.Path + "/{month}", async (string month, string? exp, string? sig, ExportLinks links,
            FiguresWorkbook workbook, CancellationToken ct) =>
        {
            if (ReportingMonth.TryParse(month) is not { } m)
                return Results.Text("月份不正确。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            return await links.VerifyAsync(m, exp, sig, ct) switch
            {
                ExportLinks.Check.Valid => Results.File(await workbook.BuildAsync(m, ct),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FiguresWorkbook.FileName(m)),
                ExportLinks.Check.Expired => Results.Text("下载链接已过期，请在 Teams 中重新发送“导出 " + m.Key + "”。",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status410Gone),
                _ => Results.Text("下载链接无效。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden),
            };
        });
    }
}
