namespace InvestBot.Knowledge;

/// <summary>
/// Parses the notice and builds the search index when the app starts, so a malformed policy file stops the
/// start-up with its line number instead of failing the first question, and the first answer is not slow.
/// </summary>
public sealed class KnowledgeWarmup(IServiceProvider services, ILogger<KnowledgeWarmup> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var kb = services.GetRequiredService<KnowledgeBase>();
        services.GetRequiredService<PolicyQuestionAnswerer>();
        foreach (var name in kb.UnresolvedNames())
            log.LogWarning("责任单位“{Name}”不在 units.json 中，将按原文显示", name);
        log.LogInformation("Policy knowledge base ready: {Articles} articles in {Sections} sections ({Issuer} {Date})",
            kb.Document.Articles.Count, kb.Document.Sections.Count, kb.Document.Issuer, kb.Document.IssuedOn);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
