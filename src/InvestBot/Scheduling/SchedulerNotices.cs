using System.Security.Cryptography;
using System.Text;
using InvestBot.Access;
using InvestBot.Conversations;
using InvestBot.Common;
using InvestBot.Storage;

namespace InvestBot.Scheduling;

/// <summary>
/// Tells the admins (in their personal chat with the bot) what the scheduler could not do. Each notice is sent once across
/// instances and restarts: it is claimed in <see cref="JobLeaseStore"/> under the job "scheduler-notices".
/// </summary>
public sealed class SchedulerNotices(IPersonalMessenger messenger, UserRoles roles, JobLeaseStore leases, OfficeClock clock,
    ILogger<SchedulerNotices> log)
{
    private const string NoticeJob = "scheduler-notices";

    /// <summary>Sent once per job and (bad) expression, however many instances start with it.</summary>
    public Task InvalidScheduleAsync(IScheduledJob job, string error, CancellationToken ct) =>
        SendOnceAsync($"invalid-{job.Name}-{Hash(job.Schedule ?? "")}", $"【InvestBot 配置错误】{job.Title}未启用。{error}", ct);

    public Task MissedAsync(IScheduledJob job, DateTimeOffset occurrence, TimeSpan window, CancellationToken ct) =>
        SendOnceAsync($"missed-{job.Name}-{ScheduledJobRunner.OccurrenceKey(occurrence)}",
            $"【InvestBot 定时任务】{job.Title}原定于 {clock.ToLocal(occurrence):yyyy-MM-dd HH:mm} 执行，但当时没有运行中的实例或执行一直失败，" +
            $"现已超过补执行时限（{window.TotalHours:0.#} 小时），未再执行。如仍需要，请手动操作。", ct);

    private async Task SendOnceAsync(string key, string text, CancellationToken ct)
    {
        if (await leases.ClaimAsync(NoticeJob, key, Environment.MachineName, TimeSpan.FromMinutes(10), ct) != LeaseClaim.Won) return;
        var told = 0;
        foreach (var admin in roles.AdminIds)
            if (await messenger.SendTextAsync(admin, text, ct)) told++;
        if (told == 0) log.LogWarning("No admin could be told (none configured, or none has a personal chat with the bot): {Notice}", text);
        await leases.CompleteAsync(NoticeJob, key, ct);
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
