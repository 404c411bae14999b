using InvestBot.Organization;
using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Foundation;

[Trait("Category", "Unit")]
public sealed class UnitDirectoryTests
{
    private static readonly UnitDirectory Directory = UnitDirectory.Load(RepoPaths.SourceData("units.json"));

    [Fact]
    public void The_directory_has_24_towns_and_6_outbound_groups()
    {
        Assert.Equal(24, Directory.OfKind(UnitKinds.Town).Count());
        Assert.Equal(6, Directory.OfKind(UnitKinds.OutboundGroup).Count());
        Assert.Equal(2, Directory.OfKind(UnitKinds.Platform).Count());
    }

    [Theory]
    [InlineData("商务局", "区商务局")]
    [InlineData("发改委", "区发展改革委")]
    [InlineData("人社局", "区人力社保局")]
    [InlineData("经开区", "宝坻经济开发区管委会")]
    [InlineData("科技城", "京津中关村科技城管委会")]
    [InlineData("合作办", "区合作交流办")]
    [InlineData("大口屯", "大口屯镇")]
    [InlineData("京津新城", "周良街道")]
    [InlineData("规自局", "市规划和自然资源局宝坻分局")]
    public void Short_names_resolve_to_the_official_unit(string alias, string name) =>
        Assert.Equal(name, Directory.FindByName(alias)?.Name);

    [Fact]
    public void Mentions_prefer_the_longest_name()
    {
        var found = Directory.FindMentions("京津中关村科技城公司和科技城管委会，还有大口屯镇");
        Assert.Equal(new[] { "京津中关村科技城公司", "京津中关村科技城管委会", "大口屯镇" }, found.Select(u => u.Name));
    }

    [Fact]
    public void Group_words_map_to_kinds()
    {
        Assert.Equal(UnitKinds.Town, Directory.FindGroupWord("各街镇")?.Kind);
        Assert.Equal(UnitKinds.Department, Directory.FindGroupWord("区直各单位")?.Kind);
        Assert.Equal(UnitKinds.Department, Directory.FindGroupWord("各区直部门")?.Kind);
        Assert.Null(Directory.FindGroupWord("各相关单位")!.Kind);
    }

    [Fact]
    public void An_alias_that_points_to_two_units_is_refused()
    {
        var kinds = new[] { new UnitKind("town", "街镇", "街镇") };
        Assert.Throws<InvalidDataException>(() => new UnitDirectory(kinds, [], new[]
        {
            new Unit("a", "甲镇", "town", new[] { "甲" }, true, null),
            new Unit("b", "甲乙镇", "town", new[] { "甲" }, true, null),
        }));
    }
}
