using InvestBot.Hosting;
using InvestBot.Scheduling;
using InvestBot.Teams;
using InvestBot.Teams.Commands;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting;

public static class ReportingModule
{
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportingOptions>().Bind(configuration.GetSection(ReportingOptions.Section));

        services.AddSingleton<MonthlyFiguresStore>();
        services.AddSingleton<AnnualTargetStore>();
        services.AddSingleton<BindingRequestStore>();
        services.AddSingleton<ReopenStore>();
        services.AddSingleton<ReportingWindow>();
        services.AddSingleton<FigureFormService>();
        services.AddSingleton<BindingService>();
        services.AddSingleton<ReportingViews>();
        services.AddSingleton<IMonthlyFiguresReader, MonthlyFiguresReader>();
        services.AddSingleton(sp => DistrictTargets.Load(Path.Combine(
            sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.DataDirectory, "district-targets.json")));
        services.AddSingleton<TargetService>();
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<FiguresWorkbook>();
        services.AddSingleton<ReminderPlanner>();
        services.AddHttpClient("reporting-import", c => c.Timeout = TimeSpan.FromSeconds(30));

        // Teams glue of this capability.
        services.AddSingleton<IMessageCommand, BindingCommands>();
        services.AddSingleton<IMessageCommand, ReportCommands>();
        services.AddSingleton<IMessageCommand, ReportViewCommands>();
        services.AddSingleton<ICardActionHandler, BindingActions>();
        services.AddSingleton<ICardActionHandler, ReportActions>();
        services.AddSingleton<IMessageCommand, ReportTargetCommands>();
        services.AddSingleton<ICardActionHandler, ReportTargetActions>();
        services.AddSingleton<IMessageCommand, ReportExportCommand>();
        services.AddSingleton<ReportReminderJob>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<ReportReminderJob>());

        services.AddSingleton(new HelpEntry("绑定填报单位", "绑定 潮阳街道（经管理员审批）", Order: 200));
        services.AddSingleton(new HelpEntry("填报月度数据", "填报 / 我要填报 / 填报3月数据", Order: 201));
        services.AddSingleton(new HelpEntry("查看本单位填报", "我的填报", Order: 202));
        services.AddSingleton(new HelpEntry("填报管理", "填报情况 / 填报情况 2023-03 / 绑定列表 / 解绑 张三 / 重新开放 潮阳街道 2023-03 / 填报 潮阳街道 2023-03 / 导出 2023-03", AdminOnly: true, Order: 210));
        services.AddSingleton(new HelpEntry("年度目标", "年度目标 潮阳街道 2023 / 导入目标 2023（粘贴表格或附 Excel） / 目标汇总 2023", AdminOnly: true, Order: 211));
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
