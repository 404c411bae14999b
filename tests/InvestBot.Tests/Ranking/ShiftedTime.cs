namespace InvestBot.Tests.Ranking;

/// <summary>
/// Real time moved to another date: "now" starts at the given moment and runs on at the real pace, and timers are real.
/// For a running bot whose background work (delivery pacing, polling) must keep going while its office date is, say,
/// 3 April 2023 with March's reporting window open. (A FakeTimeProvider would stop those timers.)
/// </summary>
public sealed class ShiftedTime : TimeProvider
{
    private TimeSpan _offset;

    public ShiftedTime(DateTimeOffset now) => Set(now);

    public void Set(DateTimeOffset now) => _offset = now - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
