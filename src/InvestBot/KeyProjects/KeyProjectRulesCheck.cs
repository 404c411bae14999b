namespace InvestBot.KeyProjects;

/// <summary>
/// Loads Data/key-projects.json when the app starts, so a misquoted or unsourced rule (or an unknown metric) stops the
/// start-up with a Chinese message naming it, instead of failing the first key-project command.
/// </summary>
public sealed class KeyProjectRulesCheck(IServiceProvider services, ILogger<KeyProjectRulesCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var rules = services.GetRequiredService<KeyProjectRules>();
        log.LogInformation("Key-project rules ready: {Kinds} kinds, {Stages} stages, {Chains} chains; stalled after {Months} months",
            rules.Kinds.Count, rules.Stages.Count, rules.Chains.Count, rules.StalledMonths);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
