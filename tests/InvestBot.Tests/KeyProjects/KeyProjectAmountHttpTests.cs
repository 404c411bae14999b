using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// Issue 21 item 5: every amount field of the key-project forms (计划总投资 on registration and edit, 本月到位投资 on the
/// progress form) takes amounts as people write them — 1.5亿, 8000万, 80,000, full-width digits — converts them into the
/// kind's unit (内资万元, 外资万美元) and echoes the conversion on the saved card, as the target card does.
/// </summary>
[Trait("Category", "Http")]
public sealed class KeyProjectAmountHttpTests : KeyProjectBotTestBase
{
    private readonly TestUser _zhang = TestUser.Named("张三");

    [Fact]
    public async Task 计划总投资_written_as_1_5亿_is_stored_as_15000_万元_and_the_conversion_is_echoed()
    {
        await BindAsync(_zhang, Chaoyang);
        var form = await CardAsync("登记项目", _zhang);

        var result = await RegisterAsync(_zhang, Details(total: "1.5亿"));

        // The client must not refuse 1.5亿 before the server sees it: no regex on the amount field.
        Assert.Null(form.SelectToken($"$..body[?(@.id == '{ProjectFields.TotalInvestment}')].regex"));
        var text = BotClient.CardText(result.Card!);
        Assert.Contains("换算：\n- 计划总投资：1\\.5亿 → 15000 万元", text); // what was typed is shown literally (markdown-escaped)
        Assert.Equal(15000m, Assert.Single(await Store.ListUnitAsync(Chaoyang)).Details.TotalInvestment);
    }

    [Fact]
    public async Task Foreign_projects_read_full_width_digits_and_万美元_in_their_own_unit()
    {
        await BindAsync(_zhang, Chaoyang);

        var result = await RegisterAsync(_zhang, Details(kind: "foreign", total: "８０００万美元"));

        Assert.Contains("计划总投资：８０００万美元 → 8000 万美元", BotClient.CardText(result.Card!));
        Assert.Equal(8000m, Assert.Single(await Store.ListUnitAsync(Chaoyang)).Details.TotalInvestment);
    }

    [Fact]
    public async Task 本月到位投资_and_an_edit_read_800万_and_80_000_too()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang, total: "50000");
        var progressForm = (await Bot.ExecuteAsync(KeyProjectCards.ProgressOpenVerb, Ref(p), _zhang)).Card!;

        var saved = await UpdateAsync(_zhang, p, "signed", "800万");
        var editForm = (await Bot.ExecuteAsync(KeyProjectCards.EditOpenVerb, Ref(p), _zhang)).Card!;
        var edited = await Bot.ExecuteAsync(KeyProjectCards.EditVerb, Submission(editForm, KeyProjectCards.EditVerb,
            new Dictionary<string, string> { [ProjectFields.TotalInvestment] = "80,000" }), _zhang);

        Assert.Null(progressForm.SelectToken($"$..body[?(@.id == '{ProjectFields.Arrived}')].regex"));
        Assert.Contains("本月到位投资：800万 → 800 万元", BotClient.CardText(saved.Card!));
        Assert.Contains("计划总投资：80\\,000 → 80000 万元", BotClient.CardText(edited.Card!));
        var stored = (await Store.GetAsync(Chaoyang, p.Id))!;
        Assert.Equal((800m, 80000m), (stored.ArrivedTotal, stored.Details.TotalInvestment));
    }

    public static TheoryData<string, string, string> BadAmounts => new()
    {
        { ProjectFields.TotalInvestment, "1.5亿美元", "该项以“万元”计，不能写“美元”" },
        { ProjectFields.TotalInvestment, "8,0000", "千分位逗号的位置不对" },
        { ProjectFields.TotalInvestment, "2000亿", "2000亿 → 20000000 万元，超出合理范围（1–10000000 万元）" },
        { ProjectFields.TotalInvestment, "一亿", "请输入数字" },
    };

    [Theory]
    [MemberData(nameof(BadAmounts))]
    public async Task A_bad_amount_gets_a_chinese_message_on_its_field_and_nothing_is_saved(string field, string value, string message)
    {
        await BindAsync(_zhang, Chaoyang);
        var details = Details();
        details[field] = value;

        var result = await RegisterAsync(_zhang, details);

        var body = ((JArray)result.Card!["body"]!).ToList();
        var index = body.FindIndex(e => e.Value<string>("id") == field);
        Assert.Contains(message, body[index + 1].Value<string>("text"));
        Assert.Equal(value, body[index].Value<string>("value"));
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task An_arrival_written_in_亿_beyond_the_planned_total_is_refused_with_the_conversion()
    {
        await BindAsync(_zhang, Chaoyang);
        var p = await RegisteredAsync(_zhang, Chaoyang, total: "50000");
        var rows = await RowsAsync();

        var result = await UpdateAsync(_zhang, p, "signed", "6亿");

        Assert.Contains("累计到位将达到 60000 万元，超过计划总投资 50000 万元", BotClient.CardText(result.Card!));
        Assert.Equal(rows, await RowsAsync());
    }
}
