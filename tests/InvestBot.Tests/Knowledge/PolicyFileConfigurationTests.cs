using InvestBot.Tests.Infrastructure;
using Xunit;

namespace InvestBot.Tests.Knowledge;

/// <summary>Next year's notice is a data change: a new file and the InvestBot:PolicyFile setting.</summary>
[Trait("Category", "Http")]
public sealed class PolicyFileConfigurationTests
{
    [Fact]
    public async Task The_bot_answers_from_the_configured_notice()
    {
        var data = Directory.CreateTempSubdirectory("investbot-data-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepoPaths.SourceData()))
                File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
            var text = File.ReadAllText(RepoPaths.SourceData("baodi-investment-30-measures-2023.txt"))
                .Replace("2023年2月13日", "2024年3月1日").Replace("全年新引进外资企业10家", "全年新引进外资企业12家");
            File.WriteAllText(Path.Combine(data, "notice-2024.txt"),
                text.TrimEnd() + "\n\n（三十一）加强招商数据共享。各单位按月报送招商数据。（责任单位：区合作交流办）\n");

            await using var app = await BotApp.StartAsync(new Dictionary<string, string?>
            {
                ["InvestBot:DataDirectory"] = data,
                ["InvestBot:PolicyFile"] = "notice-2024.txt",
            });
            var bot = app.Client();
            var user = TestUser.Named("张三");

            Assert.StartsWith("（三十一）加强招商数据共享", BotClient.AllText(await bot.SayAsync("第三十一条", user)).Trim());
            Assert.Contains("12家", BotClient.AllText(await bot.SayAsync("外资企业要引进几家", user)));
            Assert.Contains("2024年3月1日", BotClient.AllText(await bot.SayAsync("三十条措施目录", user)));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
