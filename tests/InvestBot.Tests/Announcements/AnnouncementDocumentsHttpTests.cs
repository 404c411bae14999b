using System.Net;
using System.Text;
using InvestBot.Announcements;
using InvestBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InvestBot.Tests.Announcements;

/// <summary>
/// A document attaches to any announcement kind the same way the 通报表 attaches to the ranking: the capability registers an
/// <see cref="IAnnouncementDocument"/>, the kernel signs the links, checks them and serves the file from the stored snapshot.
/// Here a kind only this test knows, so nothing of Ranking takes part.
/// </summary>
[Trait("Category", "Http")]
public sealed class AnnouncementDocumentsHttpTests
{
    private const string Kind = "testNotice";

    /// <summary>A kind's document: the snapshot as a text file, with the kind's own wording for bad links.</summary>
    private sealed class NoticeDocument : IAnnouncementDocument
    {
        public string Kind => AnnouncementDocumentsHttpTests.Kind;
        public string Path => "/api/test-notices";
        public IReadOnlyList<string> Formats { get; } = ["txt"];
        public DateTimeOffset CardLinkExpiry(AnnouncementRecord announcement) => announcement.PublishedAt.AddDays(30);

        public Task<AnnouncementFile?> BuildAsync(AnnouncementRecord announcement, string format, CancellationToken ct) =>
            Task.FromResult<AnnouncementFile?>(new AnnouncementFile(Encoding.UTF8.GetBytes(announcement.Snapshot ?? ""), "text/plain; charset=utf-8", "notice.txt"));

        public string InvalidLinkText => "测试通报链接无效。";
        public string ExpiredLinkText(string announcementId) => $"测试通报 {announcementId} 的链接已过期。";
        public string MissingText => "找不到这期测试通报。";
    }

    [Fact]
    public async Task Another_kinds_document_is_linked_signed_and_served_from_its_snapshot_by_the_kernel()
    {
        await using var app = await BotApp.StartAsync(new Dictionary<string, string?> { ["InvestBot:Ranking:WorkerEnabled"] = "false" },
            s => s.AddSingleton<IAnnouncementDocument, NoticeDocument>());
        var store = app.Service<AnnouncementStore>();
        var published = new AnnouncementRecord("tn-2023Q1.r0", Kind, "admin-1", "王主任", DateTimeOffset.UtcNow, Title: "测试通报", Snapshot: "第一季度：三个项目开工");
        Assert.True(await store.TryCreateAsync(published));
        var links = app.Service<AnnouncementDocumentLinks>();
        var client = app.CreateClient();

        var url = (await links.ForCardAsync(published, default))!;
        Assert.Contains("/api/test-notices/tn-2023Q1.r0.txt?exp=", url);
        var ok = await client.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("第一季度：三个项目开工", await ok.Content.ReadAsStringAsync());

        // The link grants that document only: another id under the same signature, or a changed signature, is refused in the kind's words.
        var other = await client.GetAsync(new Uri(url.Replace("tn-2023Q1.r0", "tn-2023Q2.r0")).PathAndQuery);
        Assert.Equal((HttpStatusCode.Forbidden, "测试通报链接无效。"), (other.StatusCode, await other.Content.ReadAsStringAsync()));
        var garbage = await client.GetAsync("/api/test-notices/..%2Fsecrets?exp=1&sig=x");
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        // An expired link says so; a signed link to an announcement that is not stored says that.
        var (admin, _) = await links.ForAdminAsync(published with { Id = "tn-2023Q4.r0" }, "txt", default);
        var missing = await client.GetAsync(new Uri(admin).PathAndQuery);
        Assert.Equal((HttpStatusCode.NotFound, "找不到这期测试通报。"), (missing.StatusCode, await missing.Content.ReadAsStringAsync()));
        var old = published with { Id = "tn-2022Q1.r0", PublishedAt = DateTimeOffset.UtcNow.AddDays(-31) };
        Assert.True(await store.TryCreateAsync(old));
        var expired = await client.GetAsync(new Uri((await links.ForCardAsync(old, default))!).PathAndQuery);
        Assert.Equal((HttpStatusCode.Gone, "测试通报 tn-2022Q1.r0 的链接已过期。"), (expired.StatusCode, await expired.Content.ReadAsStringAsync()));

        // A kind without a document gets no link.
        Assert.Null(await links.ForCardAsync(published with { Kind = "kindWithoutDocument" }, default));
    }
}
