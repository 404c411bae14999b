using InvestBot.Storage;
using Xunit;

namespace InvestBot.Tests.Foundation;

[Trait("Category", "Unit")]
public sealed class TableKeysTests
{
    [Theory]
    [InlineData("19:abc@thread.tacv2;messageid=1")]
    [InlineData("a/b\\c#d?e")]
    [InlineData("潮阳街道（京津新城）'; drop")]
    [InlineData("tab\there")]
    public void Encoded_keys_are_safe_and_round_trip(string raw)
    {
        var key = TableKeys.Encode(raw);
        Assert.True(TableKeys.IsSafe(key));
        Assert.Equal(raw, TableKeys.Decode(key));
    }

    [Theory]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("a#b", false)]
    [InlineData("a?b", false)]
    [InlineData("a\u0001b", false)]
    [InlineData("", false)]
    [InlineData("2023-03|town-baoping", true)]
    public void Unsafe_characters_are_detected(string key, bool safe) => Assert.Equal(safe, TableKeys.IsSafe(key));

    [Theory]
    [InlineData("", "Conversations", "Conversations")]
    [InlineData("t1a2", "Figures", "t1a2Figures")]
    public void Table_names_get_the_prefix(string prefix, string logical, string expected) =>
        Assert.Equal(expected, TableNames.Physical(prefix, logical));

    [Theory]
    [InlineData("bad-prefix")]
    [InlineData("1abc")]
    public void Bad_prefixes_are_refused(string prefix) => Assert.Throws<ArgumentException>(() => TableNames.ValidatePrefix(prefix));
}
