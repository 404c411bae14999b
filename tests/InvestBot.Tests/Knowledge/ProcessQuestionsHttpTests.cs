using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Knowledge;

/// <summary>
/// Questions about how the office works (when to report, how often rankings come, what happens to the last) are answered
/// from the bot's own settings, saying which part is a setting, with the notice's articles behind each answer.
/// The bot here runs with a 3rd–8th window and publication on the 10th, so the figures can only come from the settings.
/// </summary>
[Trait("Category", "Http")]
public sealed class ProcessQuestionsHttpTests : IAsyncLifetime
{
    private BotApp _app = null!;
    private BotClient _bot = null!;

    public async Task InitializeAsync()
    {
        _app = await BotApp.StartAsync(new Dictionary<string, string?>
        {
            ["InvestBot:Reporting:WindowStartDay"] = "3",
            ["InvestBot:Reporting:WindowEndDay"] = "8",
            ["InvestBot:Reporting:ReminderDaysBefore"] = "1",
            ["InvestBot:Ranking:PublishSchedule"] = "30 8 10 * *",
            ["InvestBot:Ranking:ScheduleEnabled"] = "false", // no job runs in the test; the day is still the setting
        });
        _bot = _app.Client();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(JObject Card, string Text)> AskAsync(string question)
    {
        var card = BotClient.Cards(Assert.Single(await _bot.SayAsync(question, TestUser.Named("张三")))).Single();
        return (card, BotClient.CardText(card));
    }

    [Theory]
    [InlineData("数据最晚哪天交")]
    [InlineData("每个月啥时候截止上报")]
    [InlineData("月报最晚几号")] // 月报: the monthly report itself
    [InlineData("催报短信哪天发")] // reminders are part of the reporting window's answer
    public async Task When_to_report_is_the_configured_window_with_article_25(string question)
    {
        var (_, text) = await AskAsync(question);

        Assert.Contains("每月3日至8日填报上个月的数据", text);
        Assert.Contains("8日24时后该月锁定", text);
        Assert.Contains("截止前1天和截止当天", text);
        Assert.Contains("区合作交流办在 InvestBot 中的设置", text);
        Assert.Contains("（二十五）提高通报考评频率", text);
    }

    [Theory]
    [InlineData("排名多长时间通报一次")]
    [InlineData("通报的频率是怎样的")]
    [InlineData("约谈多久搞一次")] // 约谈 comes with the ranking's rhythm
    public async Task How_often_rankings_come_names_the_monthly_ranking_and_the_quarterly_interviews_with_articles_25_and_27(string question)
    {
        var (card, text) = await AskAsync(question);

        Assert.Contains("每月通报一次排名", text);
        Assert.Contains("季度、半年、全年排名后三位", text);
        Assert.Contains("每月8日填报截止", text);
        var headings = card.SelectTokens("$..body[?(@.weight == 'Bolder')].text").Select(t => t.ToString()).ToList();
        Assert.Contains("（二十五）提高通报考评频率", headings);
        Assert.Contains("（二十七）强化绩效结果运用", headings);
    }

    [Theory]
    [InlineData("数据报错了怎么办")]
    [InlineData("上个月的表填得不对，能改吗？")]
    [InlineData("交上去的数字有误 怎么更正")]
    public async Task How_to_correct_a_submitted_month_is_the_offices_setting_and_says_the_notice_is_silent(string question)
    {
        var (card, text) = await AskAsync(question);

        Assert.Contains("填错了怎么改", text);
        Assert.Contains("8日（含）前：再次发送“填报”", text);
        Assert.Contains("“重新开放”本单位该月", text);
        Assert.Contains("区合作交流办在 InvestBot 中的设置", text);
        Assert.Contains("《三十条措施》对此没有规定", text);
        // No article is offered as the rule for it.
        Assert.DoesNotContain(card.SelectTokens("$..body[?(@.weight == 'Bolder')].text"), t => t.ToString().StartsWith('（'));
        Assert.Contains(card.SelectTokens("$..actions[*].title"), t => t.ToString() == "填报本单位数据");
    }

    [Theory]
    [InlineData("更正排名")] // the admin command, not a process question
    [InlineData("年度目标填错了怎么改")] // targets are the office's, not a reporter's month
    public async Task Corrections_of_rankings_and_targets_are_not_the_figures_answer(string question)
    {
        var text = BotClient.AllText(await _bot.SayAsync(question, TestUser.Named("张三")));

        Assert.DoesNotContain("8日（含）前：再次发送“填报”", text);
    }

    [Fact]
    public async Task The_day_of_publication_is_the_configured_schedules_when_it_is_on()
    {
        await using var scheduled = await BotApp.StartAsync(new Dictionary<string, string?> { ["InvestBot:Ranking:PublishSchedule"] = "30 8 10 * *" });
        var text = BotClient.AllText(await scheduled.Client().SayAsync("多久排一次名", TestUser.Named("李四")));

        Assert.Contains("每月5日填报截止，10日起发布上月排名通报", text);
    }

    [Theory]
    [InlineData("排在倒数会有什么后果")]
    [InlineData("我们要是垫底了怎么办")]
    public async Task What_happens_to_the_last_is_article_27s_interview_rule(string question)
    {
        var (_, text) = await AskAsync(question);

        Assert.Contains("主官要被约谈", text);
        Assert.Contains("（二十七）强化绩效结果运用", text);
        Assert.Contains("对于季度、半年、全年排名后三位的单位主官进行约谈", text); // quoted from the notice
    }

    [Theory]
    [InlineData("每季度通报重大项目", "（二十六）")]
    [InlineData("淘汰落后产能怎么处理", "（十一）")]
    public async Task Policy_questions_with_the_same_words_still_get_their_article(string question, string article)
    {
        var (_, text) = await AskAsync(question);

        Assert.DoesNotContain("文件依据", text);
        Assert.StartsWith(article, text.Trim());
    }
}
