using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>Every command the Teams app package offers in a scope is understood by the bot in that scope.</summary>
[Trait("Category", "Http")]
public sealed class ManifestCommandsHttpTests : IAsyncLifetime
{
    private BotApp _app = null!;

    public async Task InitializeAsync() => _app = await BotApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string> Commands()
    {
        var manifest = JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "manifest", "manifest.json")));
        var data = new TheoryData<string, string>();
        foreach (var list in manifest["bots"]![0]!["commandLists"]!)
        foreach (var scope in list["scopes"]!.Values<string>())
        foreach (var command in list["commands"]!)
            data.Add(scope!, command.Value<string>("title")!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_command_is_understood_where_it_is_offered(string scope, string title)
    {
        var where = scope switch
        {
            "personal" => null,
            "groupChat" => TestConversation.Group(),
            _ => TestConversation.Channel(),
        };

        var replies = await _app.Client().SayAsync(title, TestUser.Admin, where);

        Assert.NotEmpty(replies);
        var text = BotClient.AllText(replies);
        Assert.DoesNotContain("没有理解", text);           // the help card's "not understood"
        Assert.DoesNotContain("没有找到与", text);         // a policy question that found nothing
        Assert.DoesNotContain("您是不是想问", text);
        Assert.DoesNotContain("请在与 InvestBot 的私聊中", text); // offered in a scope where it cannot be done
    }
}
