using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using InvestBot.Announcements;
using Microsoft.Extensions.Options;
using Xunit;

namespace InvestBot.Tests.Announcements;

[Trait("Category", "Unit")]
public sealed class SendPacerTests
{
    private static (SendPacer Pacer, FakeTimeProvider Time) Create(double global = 50, double perConversation = 7)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 4, 6, 1, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new DeliveryOptions { GlobalPerSecond = global, PerConversationPerSecond = perConversation });
        return (new SendPacer(options, time), time);
    }

    [Fact]
    public void Global_limit_spaces_sends_across_conversations_evenly()
    {
        var (pacer, time) = Create();
        var waits = Enumerable.Range(0, 100).Select(i => pacer.WaitAsync($"c{i}", CancellationToken.None)).ToList();
        Assert.Single(waits, w => w.IsCompleted); // the first goes at once
        time.Run(TimeSpan.FromMilliseconds(999));
        // Slots at 0, 20, …, 980 ms: 50 in the first second, never more.
        Assert.Equal(50, waits.Count(w => w.IsCompleted));
        time.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(100, waits.Count(w => w.IsCompleted));
    }

    [Fact]
    public void Per_conversation_limit_allows_seven_a_second_into_one_conversation()
    {
        var (pacer, time) = Create();
        var same = Enumerable.Range(0, 14).Select(_ => pacer.WaitAsync("one", CancellationToken.None)).ToList();
        var other = pacer.WaitAsync("other", CancellationToken.None);
        time.Run(TimeSpan.FromMilliseconds(999));
        Assert.Equal(7, same.Count(w => w.IsCompleted));
        Assert.True(other.IsCompleted); // another conversation is not held up by the first one's limit
        time.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(14, same.Count(w => w.IsCompleted));
    }

    [Fact]
    public void Workers_sharing_the_bot_limit_each_send_their_part_and_take_it_all_back_when_alone()
    {
        var (pacer, time) = Create(global: 50);
        pacer.ShareAmong(2);
        var shared = Enumerable.Range(0, 50).Select(i => pacer.WaitAsync($"c{i}", CancellationToken.None)).ToList();
        time.Run(TimeSpan.FromMilliseconds(999));
        Assert.Equal(25, shared.Count(w => w.IsCompleted)); // 40 ms apart: half of 50 per second
        time.Run(TimeSpan.FromSeconds(1));
        Assert.All(shared, w => Assert.True(w.IsCompleted));

        pacer.ShareAmong(1);
        var alone = Enumerable.Range(0, 100).Select(i => pacer.WaitAsync($"d{i}", CancellationToken.None)).ToList();
        time.Run(TimeSpan.FromMilliseconds(999));
        Assert.Equal(50, alone.Count(w => w.IsCompleted));
    }

    [Fact]
    public async Task A_cancelled_wait_throws_so_the_delivery_is_handed_back()
    {
        var (pacer, _) = Create(global: 1);
        await pacer.WaitAsync("a", CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = pacer.WaitAsync("b", cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
