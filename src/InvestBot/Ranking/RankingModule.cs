namespace InvestBot.Ranking;

public static class RankingModule
{
    public static IServiceCollection AddRanking(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
