using System.Diagnostics;
using System.IO.Compression;
using InvestBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using Xunit;

namespace InvestBot.Tests.Foundation;

/// <summary>The Teams app package: manifest against the 1.25 schema, real icons, the zip script.</summary>
[Trait("Category", "Unit")]
public sealed class ManifestTests
{
    private static string ManifestDir => Path.Combine(RepoPaths.Root, "manifest");

    private static JObject Manifest() => JObject.Parse(File.ReadAllText(Path.Combine(ManifestDir, "manifest.json")));

    [Fact]
    public async Task The_manifest_validates_against_the_teams_1_25_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.TestData("schemas", "teams-manifest-1.25.schema.json"));
        // The placeholders are filled by the packaging script (or the Agents Toolkit); validate what Teams will see.
        var json = Manifest().ToString().Replace("${{BOT_ID}}", Guid.NewGuid().ToString())
            .Replace("${{TEAMS_APP_ID}}", Guid.NewGuid().ToString()).Replace("${{BOT_DOMAIN}}", "investbot.example.cn");
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Equal("1.25", Manifest().Value<string>("manifestVersion"));
    }

    [Fact]
    public void The_bot_works_in_personal_chats_group_chats_and_teams_with_chinese_commands()
    {
        var bot = (JObject)Manifest()["bots"]![0]!;
        Assert.Equal(new[] { "groupChat", "personal", "team" }, bot["scopes"]!.Values<string>().Order());
        var titles = bot["commandLists"]!.SelectMany(l => l["commands"]!).Select(c => c.Value<string>("title")!).ToList();
        Assert.Contains("帮助", titles);
        Assert.All(titles, t => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", t));
    }

    [Fact]
    public void The_color_icon_is_an_opaque_192_pixel_png()
    {
        var icon = PngImage.Read(Path.Combine(ManifestDir, Manifest()["icons"]!.Value<string>("color")!));
        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.True(Enumerable.Range(0, 192 * 192).All(i => icon.Pixels[i * 4 + 3] == 255), "the color icon must be opaque");
        Assert.True(icon.Pixels.Chunk(4).Select(p => (p[0], p[1], p[2])).Distinct().Count() > 1, "the color icon is a single flat colour");
    }

    [Fact]
    public void The_outline_icon_is_white_on_transparent_at_32_pixels()
    {
        var icon = PngImage.Read(Path.Combine(ManifestDir, Manifest()["icons"]!.Value<string>("outline")!));
        Assert.Equal((32, 32, 6), (icon.Width, icon.Height, icon.ColorType));
        var pixels = icon.Pixels.Chunk(4).ToList();
        Assert.Contains(pixels, p => p[3] == 0);
        Assert.Contains(pixels, p => p[3] > 0);
        Assert.All(pixels.Where(p => p[3] > 0), p => Assert.True(p[0] == 255 && p[1] == 255 && p[2] == 255, "outline pixels must be white"));
    }

    [Fact]
    public async Task The_packaging_script_builds_a_zip_with_the_app_id_filled_in()
    {
        var outDir = Directory.CreateTempSubdirectory("investbot-package-").FullName;
        var zipPath = Path.Combine(outDir, "InvestBot.zip");
        var appId = Guid.NewGuid().ToString();
        var psi = new ProcessStartInfo("bash", new[] { Path.Combine(RepoPaths.Root, "scripts", "build-app-package.sh") })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["MicrosoftAppId"] = appId, ["OUT"] = zipPath },
        };
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(new[] { "color.png", "manifest.json", "outline.png" }, zip.Entries.Select(e => e.FullName).Order());
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var packaged = JObject.Parse(await reader.ReadToEndAsync());
        Assert.Equal(appId, packaged["bots"]![0]!.Value<string>("botId"));
        Assert.Equal("94b39322-45bd-48e0-8f17-3922f6a8bea6", packaged.Value<string>("id"));
        Assert.Empty(packaged["validDomains"]!); // no BOT_DOMAIN: the Playground needs none
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public async Task The_packaging_script_fills_the_domain_and_the_bot_accepts_files_in_the_personal_chat()
    {
        var zipPath = Path.Combine(Directory.CreateTempSubdirectory("investbot-package-").FullName, "InvestBot.zip");
        var psi = new ProcessStartInfo("bash", new[] { Path.Combine(RepoPaths.Root, "scripts", "build-app-package.sh") })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["BOT_ID"] = Guid.NewGuid().ToString(), ["BOT_DOMAIN"] = "app-investbot.azurewebsites.net", ["OUT"] = zipPath },
        };
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);

        using var zip = ZipFile.OpenRead(zipPath);
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var packaged = JObject.Parse(await reader.ReadToEndAsync());
        Assert.Equal(new[] { "app-investbot.azurewebsites.net" }, packaged["validDomains"]!.Values<string>());
        Assert.True(packaged["bots"]![0]!.Value<bool>("supportsFiles"));
        Assert.Contains("personal", packaged["bots"]![0]!["scopes"]!.Values<string>());
    }

    [Fact]
    public async Task The_packaging_script_refuses_an_app_id_that_is_not_a_guid()
    {
        var psi = new ProcessStartInfo("bash", new[] { Path.Combine(RepoPaths.Root, "scripts", "build-app-package.sh") })
        {
            RedirectStandardError = true,
            Environment = { ["MicrosoftAppId"] = "not-a-guid", ["OUT"] = Path.Combine(Path.GetTempPath(), "never.zip") },
        };
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("GUID", stderr);
    }
}
