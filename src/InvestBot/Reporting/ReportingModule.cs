namespace InvestBot.Reporting;

public static class ReportingModule
{
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}

public static class ReportingEndpoints
{
    /// <summary>HTTP endpoints of monthly reporting (the signed Excel download link).</summary>
    public static void MapReportingEndpoints(this WebApplication app)
    {
    }
}
