using InvestBot.Access;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Knowledge;

/// <summary>
/// Issue 21, item 6: a target asked about as one's own unit says whose figure it is — （一）（二） are the district's
/// totals and the notice does not divide them; （三） writes figures for 开发区 and 科技城 (quoted); otherwise the unit's
/// targets are the office's (年度目标, seen with 我单位进度). Group targets in everyday words get （二十八）.
/// </summary>
[Trait("Category", "Http")]
public sealed class TargetScopeHttpTests : IAsyncLifetime
{
    private BotApp _app = null!;
    private BotClient _bot = null!;

    public async Task InitializeAsync()
    {
        _app = await BotApp.StartAsync();
        _bot = _app.Client();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<TestUser> BoundAsync(string name, string unitId)
    {
        var user = TestUser.Named(name);
        await _app.Service<IUnitBindingStore>().SetAsync(new UnitBinding(user.AadObjectId, user.Name, unitId, "test", DateTimeOffset.UtcNow));
        return user;
    }

    private async Task<string> AskAsync(string question, TestUser user) => BotClient.AllText(await _bot.SayAsync(question, user));

    [Fact]
    public async Task A_towns_question_gets_the_district_figure_said_to_be_the_districts_and_not_divided()
    {
        var text = await AskAsync("我们镇今年要引进几个项目", await BoundAsync("潮阳街道填报人", "town-chaoyang"));

        Assert.StartsWith("（一）", text.TrimStart());
        Assert.Contains("答：引进总投资超500万元的内资产业项目118个", text);
        Assert.Contains("（一）规定的是全区的年度目标，不是潮阳街道的数字：《三十条措施》没有把它分解到各街镇。", text);
        Assert.Contains("潮阳街道的年度目标由区合作交流办设定", text);
        Assert.Contains("我单位进度", text);
        Assert.Contains("（二）利用外资实现新增长", text); // the other district-wide target, listed as such
    }

    [Fact]
    public async Task An_unbound_asker_gets_the_kind_and_the_units_whose_figures_the_notice_writes()
    {
        var town = await AskAsync("我们街道的目标是多少", TestUser.Named("路人甲"));
        var anyUnit = await AskAsync("我单位要完成多少", TestUser.Named("路人乙"));

        Assert.Contains("不是您所在街镇的数字：《三十条措施》没有把它分解到各街镇", town);
        Assert.Contains("您所在街镇的年度目标由区合作交流办设定", town);
        Assert.StartsWith("（一）", anyUnit.TrimStart());
        Assert.Contains("不是本单位的数字：《三十条措施》没有把它分解到各单位", anyUnit);
        Assert.Contains("文件只为以下单位写明了各自的数字：", anyUnit);
        Assert.Contains("宝坻经济开发区管委会", anyUnit);
        Assert.Contains("（三）", anyUnit);
        Assert.Contains("每个走出去招商组（（二十八））", anyUnit);
    }

    [Fact]
    public async Task A_department_is_not_told_of_the_foreign_investment_target_it_is_not_responsible_for()
    {
        var text = await AskAsync("我单位要完成多少", await BoundAsync("审计局填报人", "dept-sjj"));

        Assert.StartsWith("（一）", text.TrimStart());
        Assert.Contains("不是区审计局的数字：《三十条措施》没有把它分解到区直各单位", text);
        Assert.DoesNotContain("（二）利用外资", text); // （二）'s 责任单位 do not include 区直各单位
    }

    [Fact]
    public async Task The_development_zone_gets_its_own_figure_quoted_from_article_three()
    {
        var replies = await _bot.SayAsync("我们园区今年要引进几个项目", await BoundAsync("开发区填报人", "platform-kfq"));
        CardSchema.AssertValid(Assert.Single(replies.SelectMany(BotClient.Cards)));
        var text = BotClient.AllText(replies);

        Assert.StartsWith("（三）", text.TrimStart());
        Assert.Contains("年内新引进实体项目50个", text);
        Assert.Contains("这是文件（三）为宝坻经济开发区管委会写明的数字。", text);
        Assert.Contains("（三）原文：“加快宝坻经济开发区产业转型升级", text);
        Assert.DoesNotContain("实体项目30个", text.Split("原文")[0]); // 科技城's figure is not the answer
        Assert.Contains("规定的是全区的年度目标，不是宝坻经济开发区管委会的数字", text);
    }

    [Fact]
    public async Task An_unbound_asker_about_the_parks_gets_each_parks_figure_by_name_and_the_district_targets()
    {
        var text = await AskAsync("我们园区今年要引进几个项目", TestUser.Named("路人戊"));

        Assert.StartsWith("（三）", text.TrimStart());
        Assert.Contains("答：京津中关村科技城管委会：年内新引进实体项目30个，新增市场主体不少于500家；宝坻经济开发区管委会：年内新引进实体项目50个，新增市场主体不少于500家", text);
        Assert.Contains("规定的是全区的年度目标，不是您所在载体单位的数字", text);
    }

    [Theory]
    [InlineData("走出去招商组的目标是多少")]
    [InlineData("走出去小组要完成什么")]
    [InlineData("我们招商组的目标是多少")]
    public async Task Group_targets_in_everyday_words_get_article_twenty_eight(string question)
    {
        var text = await AskAsync(question, TestUser.Named("路人丙"));

        Assert.StartsWith("（二十八）", text.TrimStart());
        Assert.Contains("不低于2亿元", text);
        Assert.Contains("不少于30个", text);
        Assert.Contains("为每个走出去招商组规定的年度目标", text);
    }

    [Theory]
    [InlineData("走出去招商组完成目标有什么奖励", "（二十八）")] // about rewards: the ordinary answer
    [InlineData("每个走出去招商组几个人", "（九）")]
    [InlineData("我们镇有哪些任务", "各街镇")]
    public async Task Other_questions_about_groups_and_towns_are_answered_as_before(string question, string expected)
    {
        var text = await AskAsync(question, TestUser.Named("路人丁"));

        Assert.Contains(expected, text);
        Assert.DoesNotContain("规定的是全区的年度目标", text);
        Assert.DoesNotContain("规定的年度目标，每个", text);
    }
}
