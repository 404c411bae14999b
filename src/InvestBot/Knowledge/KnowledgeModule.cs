namespace InvestBot.Knowledge;

public static class KnowledgeModule
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
