using InvestBot.Teams;
using InvestBot.Teams.Commands;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>
/// The manifest's command menus, the help card and the Q&amp;A's reserved words all follow the one command table;
/// a test-only command added as one table row plus its handler is routed, listed and reserved without touching anything else.
/// </summary>
[Trait("Category", "Http")]
public sealed class CommandTableTests : IAsyncLifetime
{
    private BotApp _app = null!;

    public async Task InitializeAsync() => _app = await BotApp.StartAsync(services: s => s.AddCommandSection(EchoCommands.Section));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private CommandTable Table => _app.Service<CommandTable>();

    [Fact]
    public void The_manifest_command_menus_are_the_table_rows_offered_in_each_scope()
    {
        var manifest = JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "manifest", "manifest.json")));
        var lists = manifest["bots"]![0]!["commandLists"]!.ToList();
        // The test-only row has no menu entry, so the real table decides.
        var personal = Table.Commands.Where(c => c.MenuScopes.HasFlag(ConversationScope.Personal)).Select(c => (c.Name, c.Manifest!)).ToList();
        var shared = Table.Commands.Where(c => c.MenuScopes.HasFlag(ConversationScope.Shared)).Select(c => (c.Name, c.Manifest!)).ToList();

        Assert.Equal(personal, Menu(lists.Single(l => l["scopes"]!.Values<string>().SequenceEqual(["personal"]))));
        Assert.Equal(shared, Menu(lists.Single(l => l["scopes"]!.Values<string>().Order().SequenceEqual(["groupChat", "team"]))));
        Assert.All(lists, l => Assert.InRange(l["commands"]!.Count(), 1, 10)); // Teams shows at most 10 per menu

        static List<(string, string)> Menu(JToken list) =>
            list["commands"]!.Select(c => (c.Value<string>("title")!, c.Value<string>("description")!)).ToList();
    }

    [Theory]
    [InlineData("personal", true)]
    [InlineData("personal", false)]
    [InlineData("groupChat", true)]
    [InlineData("channel", false)]
    public async Task The_help_card_lists_the_table_rows_that_work_in_the_scope_for_the_role(string type, bool admin)
    {
        var user = admin ? TestUser.Admin : TestUser.Named("张三");
        var where = type switch { "groupChat" => TestConversation.Group(), "channel" => TestConversation.Channel(), _ => null };
        var help = BotClient.AllText(await _app.Client().SayAsync("帮助", user, where));

        var scope = ConversationScopes.Of(type);
        foreach (var row in Table.HelpRows())
        {
            // A private row (a unit's data) is offered where it answers: the personal chat.
            var shown = (row.Scopes & scope) != 0 && (scope == ConversationScope.Personal || !row.Privately) && (admin || !row.AdminOnly);
            Assert.True(shown == help.Contains(row.Line.Examples), $"{row.Line.Title} in {type}, admin={admin}: expected shown={shown}");
        }
        // The test-only row (personal chat, admins) comes from the table like the others.
        Assert.Equal(type == "personal" && admin, help.Contains("回声测试"));
    }

    [Fact]
    public async Task A_new_table_row_is_routed_with_its_scope_and_role_and_reserved_from_the_qa()
    {
        var client = _app.Client();
        Assert.Contains("回声：你好", BotClient.AllText(await client.SayAsync("回声 你好", TestUser.Admin)));
        Assert.Contains(BotTexts.AdminOnly("回声"), BotClient.AllText(await client.SayAsync("回声 你好", TestUser.Named("李四"))));
        Assert.Contains(BotTexts.WrongScope("回声", "与 InvestBot 的私聊"),
            BotClient.AllText(await client.SayAsync("回声 你好", TestUser.Admin, TestConversation.Group())));
        Assert.Contains("回声", Table.Words);
    }

    [Fact]
    public async Task Every_command_word_reaches_its_command_not_the_policy_qa()
    {
        foreach (var word in Table.Words.Where(w => w != "回声"))
        {
            var text = BotClient.AllText(await _app.Client().SayAsync(word, TestUser.Admin));
            Assert.False(text.Contains("没有找到与") || text.Contains("您是不是想问"), $"“{word}” was answered as a policy question: {text}");
        }
    }

    [Fact]
    public void Every_word_is_declared_once()
    {
        var words = Table.Commands.SelectMany(c => c.Words).ToList();
        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => new CommandTable([EchoCommands.Section, EchoCommands.Section]));
    }

    /// <summary>A command that exists only in this test: one row and one handler.</summary>
    private static class EchoCommands
    {
        public static readonly CommandSection Section = new("测试",
            [BotCommand.For<EchoCommand>("回声", scopes: ConversationScope.Personal, adminOnly: true, help: new("回声测试", "回声 你好"))], []);
    }

    private sealed class EchoCommand : ICommandHandler
    {
        public Task HandleAsync(CommandRequest request, CancellationToken ct) => request.SendTextAsync("回声：" + request.Args, ct);
    }
}
