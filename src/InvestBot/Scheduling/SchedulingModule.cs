using InvestBot.Storage;

namespace InvestBot.Scheduling;

public static class SchedulingModule
{
    /// <summary>The scheduler kernel. Capabilities add their jobs with <c>services.AddSingleton&lt;IScheduledJob, …&gt;()</c>.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section));
        services.AddSingleton<JobHistoryStore>();
        services.AddSingleton<SchedulerNotices>();
        services.AddSingleton<ScheduledJobRunner>();
        services.AddSingleton<JobScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        return services;
    }
}
