using InvestBot.KeyProjects;
using InvestBot.KeyProjects.Bot;
using InvestBot.Tests.Infrastructure;
using Xunit;
using static InvestBot.Tests.Infrastructure.CardMarkdown;
using static InvestBot.Tests.KeyProjects.KeyProjectHarness;

namespace InvestBot.Tests.KeyProjects;

/// <summary>
/// A project registered through the service with markdown in its name, contact and problems, by a reporter whose display
/// name is markdown: every ledger card (the project's card, the progress form, 我的项目, 重点项目) shows them literally.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KeyProjectUserTextTests
{
    private static readonly KeyProjectCards Cards = new(Rules);

    [Fact]
    public async Task Names_contacts_problems_and_reporters_show_as_typed_on_every_ledger_card()
    {
        var h = await StartAsync();
        var reporter = await h.ReporterAsync(Bold, Chaoyang);
        var inputs = DetailInputs(name: Link);
        inputs[ProjectFields.Contact] = "<at>王主任</at>";
        var project = await h.RegisterAsync(reporter, Chaoyang, inputs);
        var outcome = await h.Service.RecordProgressAsync(reporter, project.UnitId, project.Id, h.Service.CheckMonth.Key, project.Revision,
            ProgressInputs("signed", "100", problems: Typed));
        var done = Assert.IsType<ProjectOutcome.Done>(outcome);

        var detail = Cards.Detail(done.Detail, done.Message, h.Window.Zone);
        AssertLiteral(detail, Link); // title and the saved message
        AssertLiteral(detail, "问题及需协调事项（单位报送）：" + Typed);
        AssertLiteral(detail, "<at>王主任</at>");
        AssertLiteral(detail, Bold); // the reporter's name under 近期进展
        Assert.Equal(Link, detail.Value<string>("fallbackText"));

        var progress = Assert.IsType<ProjectOutcome.Progress>(await h.Service.OpenProgressAsync(reporter, project.UnitId, project.Id));
        var form = Cards.ProgressForm(progress.Value);
        AssertLiteral(form, Link);
        Assert.Equal(Typed, form.SelectToken("$..[?(@.id == 'p_problems')].value")?.ToString()); // the input keeps what was typed

        var mine = Cards.Mine((await h.Views.MineAsync(reporter, null)).View!);
        AssertLiteral(mine, Link);

        var overview = Assert.Single(Cards.Overview((await h.Views.OverviewAsync(Admin, null, null)).View!));
        AssertLiteral(overview, Link);
        Assert.Contains($"潮阳街道 · {Link}", overview.SelectTokens("$..choices[*].title").Select(t => t.ToString())); // choice titles are plain

        foreach (var card in new[] { detail, form, mine, overview }) CardSchema.AssertValid(card);
    }
}
