using Xunit;

namespace InvestBot.Tests.Infrastructure;

/// <summary>
/// Tests that measure time or race two bot instances against each other (pacing per second, a turn answered within Teams'
/// patience while storage hangs). On this 2-core machine the other test classes running beside them can starve them of CPU
/// for seconds, so they run alone, after the parallel classes: what they assert is the bot's timing, not the machine's load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive";
}
