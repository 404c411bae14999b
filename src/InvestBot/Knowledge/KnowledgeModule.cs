using InvestBot.Common;
using InvestBot.Organization;
using InvestBot.Knowledge.Bot;
using InvestBot.Teams;
using InvestBot.Teams.Commands;
using Microsoft.Extensions.Options;

namespace InvestBot.Knowledge;

public static class KnowledgeModule
{
    /// <summary>The policy text file under the data directory; another year's notice is a configuration change.</summary>
    public const string DefaultPolicyFile = "baodi-investment-30-measures-2023.txt";

    /// <param name="process">the office's reporting and ranking settings, for questions about the process (filled by
    /// the composition root: Knowledge does not see the capabilities that own them)</param>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration,
        Func<IServiceProvider, OfficeProcess> process)
    {
        services.AddSingleton(process);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InvestBotOptions>>().Value;
            var file = configuration["InvestBot:PolicyFile"] is { Length: > 0 } f ? f : DefaultPolicyFile;
            return new KnowledgeBase(
                PolicyDocumentParser.Load(Path.Combine(options.DataDirectory, file)),
                sp.GetRequiredService<UnitDirectory>(),
                KnowledgeLexicon.Load(Path.Combine(options.DataDirectory, "knowledge-lexicon.json")));
        });
        services.AddSingleton(sp =>
        {
            var kb = sp.GetRequiredService<KnowledgeBase>();
            return new ArticleSearchIndex(kb.Document, kb.Lexicon);
        });
        services.AddSingleton<PolicyQuestionAnswerer>();
        services.AddSingleton(sp => ProcessQuestions.Load(
            Path.Combine(sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.DataDirectory, "process-questions.json"),
            sp.GetRequiredService<KnowledgeBase>().Document));
        services.AddSingleton<KnowledgeFeedbackStore>();
        services.AddSingleton<UnansweredQuestionLog>();
        services.AddHostedService(sp => sp.GetRequiredService<UnansweredQuestionLog>());
        services.AddHostedService<KnowledgeWarmup>();

        services.AddCommandSection(KnowledgeCommands.Section);
        services.AddSingleton<IFreeTextHandler, KnowledgeQuestionHandler>();
        return services;
    }
}
