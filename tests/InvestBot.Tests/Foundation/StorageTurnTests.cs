using Azure;
using Azure.Data.Tables;
using InvestBot.Storage;
using InvestBot.Teams;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>The turn's storage journal against a real Azurite that is frozen mid-turn.</summary>
[Trait("Category", "Integration")]
public sealed class StorageTurnTests
{
    [Fact]
    public async Task The_journal_knows_a_committed_an_unanswered_and_a_refused_write_and_the_apology_says_only_that()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var tables = new TableProvider(new TableServiceClient(azurite.ConnectionString, TableProvider.ClientOptions()), TestTables.NewPrefix());
        var table = await tables.GetTableAsync("Journal");

        TurnWrites committedThenHung;
        bool failedAfterCommit;
        using (var turn = StorageTurn.Begin(TimeSpan.FromSeconds(2)))
        {
            await table.AddEntityAsync(new TableEntity("p", "saved"));
            Assert.Equal(TurnWrites.Committed, turn.Writes);
            azurite.Pause();
            try
            {
                await Assert.ThrowsAsync<StorageDeadlineException>(() => table.GetEntityAsync<TableEntity>("p", "saved"));
            }
            finally
            {
                azurite.Resume();
            }
            (committedThenHung, failedAfterCommit) = (turn.Writes, turn.StorageFailed);
        }
        Assert.Equal(TurnWrites.Committed, committedThenHung);
        Assert.True(failedAfterCommit);
        Assert.StartsWith("已保存，但回复失败", BotTexts.Failed(committedThenHung, failedAfterCommit, "x"));

        using (var turn = StorageTurn.Begin(TimeSpan.FromSeconds(2)))
        {
            azurite.Pause();
            try
            {
                await Assert.ThrowsAsync<StorageDeadlineException>(() => table.UpsertEntityAsync(new TableEntity("p", "maybe")));
            }
            finally
            {
                azurite.Resume();
            }
            Assert.Equal(TurnWrites.Unknown, turn.Writes);
            Assert.Contains("无法确认是否已保存", BotTexts.Failed(turn.Writes, turn.StorageFailed, "x"));
        }

        using (var turn = StorageTurn.Begin(TimeSpan.FromSeconds(2)))
        {
            var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "saved")));
            Assert.Equal(409, conflict.Status);
            Assert.Equal((TurnWrites.None, false), (turn.Writes, turn.StorageFailed));
            Assert.Contains("尚未保存任何内容", BotTexts.Failed(turn.Writes, turn.StorageFailed, "x"));
        }

        // Outside a turn (background jobs) there is no deadline and no journal.
        Assert.Null(StorageTurn.Current);
        Assert.Equal("saved", (await table.GetEntityAsync<TableEntity>("p", "saved")).Value.RowKey);
    }
}
