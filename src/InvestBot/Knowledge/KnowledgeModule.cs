using InvestBot.Hosting;
using InvestBot.Organization;
using InvestBot.Teams;
using InvestBot.Teams.Commands;
using Microsoft.Extensions.Options;

namespace InvestBot.Knowledge;

public static class KnowledgeModule
{
    /// <summary>The policy text file under the data directory; another year's notice is a configuration change.</summary>
    public const string DefaultPolicyFile = "baodi-investment-30-measures-2023.txt";

    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
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
        services.AddSingleton<KnowledgeFeedbackStore>();
        services.AddHostedService<KnowledgeWarmup>();

        services.AddSingleton<IMessageCommand, KnowledgeAdminCommand>();
        services.AddSingleton<IMessageCommand, KnowledgeQuestionCommand>();
        services.AddSingleton<ICardActionHandler, KnowledgeFeedbackHandler>();
        services.AddSingleton(new HelpEntry("问政策（三十条措施）", "第22条 / 区商务局负责哪些条款 / 谁负责人才服务 / 外资企业要引进几家 / 我单位的职责", Order: 10));
        services.AddSingleton(new HelpEntry("政策问答统计", "未答问题", AdminOnly: true, Order: 800));
        return services;
    }
}
