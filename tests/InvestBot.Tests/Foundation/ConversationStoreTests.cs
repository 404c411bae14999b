using InvestBot.Conversations;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Foundation;

[Trait("Category", "Integration")]
public sealed class ConversationStoreTests
{
    private static ConversationRecord Record(string id, string type = "groupChat") => new()
    {
        ConversationId = id,
        ConversationType = type,
        ServiceUrl = "http://127.0.0.1:1/",
        ChannelId = "msteams",
        TenantId = "t",
        TeamName = type == "channel" ? "招商团队" : null,
    };

    [Fact]
    public async Task Upsert_reports_fresh_installs_and_keeps_known_details()
    {
        var store = new TableConversationStore(await TestTables.NewProviderAsync(), TimeProvider.System);
        var id = "19:weird/id#with?chars@thread.tacv2";

        Assert.True(await store.UpsertAsync(Record(id, "channel")));
        Assert.False(await store.UpsertAsync(Record(id, "channel") with { TeamName = null }));

        var saved = await store.GetAsync(id);
        Assert.Equal("招商团队", saved!.TeamName);
        Assert.Equal(id, saved.ConversationId);
    }

    [Fact]
    public async Task Removed_conversations_are_hidden_from_the_active_list()
    {
        var store = new TableConversationStore(await TestTables.NewProviderAsync(), TimeProvider.System);
        await store.UpsertAsync(Record("c1"));
        await store.UpsertAsync(Record("c2"));

        await store.MarkRemovedAsync("c1");
        await store.MarkRemovedAsync("never-installed");

        Assert.Equal(new[] { "c2" }, (await store.ListAsync()).Select(c => c.ConversationId));
        Assert.Equal(2, (await store.ListAsync(includeRemoved: true)).Count);
        Assert.True(await store.UpsertAsync(Record("c1")));
    }

    [Fact]
    public async Task Personal_chat_is_found_by_aad_id_even_with_quote_characters()
    {
        var store = new TableConversationStore(await TestTables.NewProviderAsync(), TimeProvider.System);
        var aad = "o'brien' or PartitionKey ne '";
        await store.UpsertAsync(Record("p1", "personal") with { UserAadObjectId = aad, UserName = "O'Brien" });
        await store.UpsertAsync(Record("p2", "personal") with { UserAadObjectId = "someone-else" });

        var found = await store.FindPersonalChatAsync(aad);

        Assert.Equal("p1", found?.ConversationId);
    }

    [Fact]
    public async Task Of_concurrent_saves_of_a_new_conversation_exactly_one_is_the_fresh_install()
    {
        var store = new TableConversationStore(await TestTables.NewProviderAsync(), TimeProvider.System);
        for (var round = 0; round < 5; round++)
        {
            var id = $"19:race-{round}@thread.v2";
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.UpsertAsync(Record(id)))));
            Assert.Equal(1, results.Count(fresh => fresh));
        }
    }

    [Fact]
    public async Task Of_concurrent_saves_re_adding_a_removed_conversation_exactly_one_is_the_fresh_install()
    {
        var store = new TableConversationStore(await TestTables.NewProviderAsync(), TimeProvider.System);
        for (var round = 0; round < 5; round++)
        {
            var id = $"19:readd-{round}@thread.v2";
            Assert.True(await store.UpsertAsync(Record(id, "channel")));
            await store.MarkRemovedAsync(id);

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.UpsertAsync(Record(id, "channel") with { TeamName = null }))));

            Assert.Equal(1, results.Count(fresh => fresh));
            var saved = await store.GetAsync(id);
            Assert.False(saved!.Removed);
            Assert.Equal("招商团队", saved.TeamName); // the merge kept what the first install knew
        }
    }
}
