using InvestBot.Common;
using InvestBot.Announcements;
using InvestBot.Reporting;
using InvestBot.Scheduling;
using InvestBot.Storage;
using InvestBot.Teams;
using InvestBot.Ranking.Bot;
using InvestBot.Teams.Commands;
using Microsoft.Extensions.Options;

namespace InvestBot.Ranking;

public static class RankingModule
{
    public static IServiceCollection AddRanking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RankingOptions>().Bind(configuration.GetSection(RankingOptions.Section));

        // Scoring (IMonthlyFiguresReader comes from the reporting capability).
        services.AddSingleton(sp =>
        {
            var rules = RankingRules.Load(Path.Combine(sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.DataDirectory, "ranking-weights.json"));
            rules.Validate(sp.GetRequiredService<MetricCatalog>());
            rules.Validate(sp.GetRequiredService<Organization.UnitDirectory>());
            return rules;
        });
        services.AddSingleton<RankingCalculator>();
        services.AddSingleton<RankingService>();

        // The monthly ranking as an announcement kind of the kernel's delivery (Announcements/).
        services.AddSingleton<RankingAnnouncementStore>();
        services.AddSingleton<IPublishedRankingSource, AnnouncedRankings>();
        services.AddSingleton<IAnnouncementKind, RankingAnnouncementKind>();
        services.AddSingleton<RankingPublisher>();
        services.AddSingleton<ScheduledPublication>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<ScheduledPublication>());

        // Teams glue.
        services.AddSingleton(sp => new RankingAnnouncementCards(sp.GetRequiredService<MetricCatalog>(), sp.GetRequiredService<OfficeClock>()));
        services.AddSingleton<IAnnouncementRenderer>(sp => sp.GetRequiredService<RankingAnnouncementCards>());
        services.AddSingleton<RankingPreview>();
        services.AddSingleton<RankingRulesCard>();
        services.AddSingleton<Bulletin.RankingBulletin>();
        services.AddSingleton<Bulletin.BulletinLinks>();
        services.AddSingleton<IAnnouncementDocument, Bulletin.RankingBulletinDocument>();
        services.AddSingleton<IPreviewSender, AdminPreviewSender>();
        services.AddCommandSection(RankingCommands.Section);
        return services;
    }
}
