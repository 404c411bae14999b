using InvestBot.Common;
using Microsoft.Extensions.Options;

namespace InvestBot.Storage;

public static class StorageRegistration
{
    /// <summary>One <see cref="StorageClients"/> from the connection string or the account settings; tables and the
    /// delivery queue both come from it.</summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageAccountOptions>().Bind(configuration.GetSection(StorageAccountOptions.Section));
        services.AddSingleton(sp => new StorageClients(
            sp.GetRequiredService<IOptions<InvestBotOptions>>().Value.StorageConnectionString,
            sp.GetRequiredService<IOptions<StorageAccountOptions>>().Value));
        return services;
    }
}
