using InvestBot.Access;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InvestBot.Tests.Knowledge;

/// <summary>
/// Questions in staff's own words that depend on who asks and when: 本街道 / 咱们乡 / 我们区直单位 read as the asker's
/// bound unit (or, unbound, as the notice's group word), and the 2023 notice's numbers asked as 今年 in a later year.
/// </summary>
[Trait("Category", "Http")]
public sealed class StaffWordsHttpTests
{
    [Fact]
    public async Task Own_kind_words_mean_the_bound_unit_and_the_kind_for_an_unbound_asker()
    {
        await using var app = await BotApp.StartAsync();
        var bot = app.Client();
        var bound = TestUser.Named("潮阳街道填报人");
        await app.Service<IUnitBindingStore>().SetAsync(new UnitBinding(bound.AadObjectId, bound.Name, "town-chaoyang", "test", DateTimeOffset.UtcNow));

        var mine = BotClient.AllText(await bot.SayAsync("咱们街道要做什么", bound));
        var anyone = BotClient.AllText(await bot.SayAsync("咱们街道要做什么", TestUser.Named("路人")));
        var department = BotClient.AllText(await bot.SayAsync("我们区直单位管啥", TestUser.Named("路人")));

        // 潮阳街道 is named in article (三) besides everything 各街镇 does; the group has no (三).
        Assert.Contains("潮阳街道", mine);
        Assert.Contains("（三）", mine);
        Assert.Contains("各街镇", anyone);
        Assert.DoesNotContain("（三）", anyone);
        Assert.Contains("（二十七）", anyone);
        Assert.Contains("（七）", department);
        Assert.DoesNotContain("（八）", department);
    }

    [Theory]
    [InlineData(2026, true)]
    [InlineData(2023, false)]
    public async Task Numbers_of_an_earlier_years_notice_say_their_year(int officeYear, bool noted)
    {
        await using var app = await BotApp.StartAsync(services: s => s.AddSingleton<TimeProvider>(TestClock.AtBeijing(officeYear, 3, 1)));

        var text = BotClient.AllText(await app.Client().SayAsync("今年外资企业要引进几家", TestUser.Named("张三")));

        Assert.Contains("10家", text);
        Assert.Equal(noted, text.Contains("10家（2023年通知规定）", StringComparison.Ordinal));
        Assert.Equal(noted, text.Contains($"不是{officeYear}年的", StringComparison.Ordinal));
    }
}
