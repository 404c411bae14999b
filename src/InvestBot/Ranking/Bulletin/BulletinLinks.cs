using System.Text.RegularExpressions;
using InvestBot.Announcements;
using InvestBot.Reporting;
using Microsoft.Extensions.Options;

using InvestBot.Ranking.Bot;

namespace InvestBot.Ranking.Bulletin;

/// <summary>The two formats of the 通报表.</summary>
public enum BulletinFormat { Word, Workbook }

/// <summary>
/// Signed links to one announcement's 通报表 (<see cref="ExportLinks"/>' HMAC over path, resource and expiry). The resource is
/// the announcement id and the format ("2026-03.r0.docx"), so a link opens that document only. The card's link expires
/// <see cref="RankingOptions.BulletinLinkDays"/> after publication (every conversation gets the same link); the admin's
/// 导出通报表 links live as long as other exports.
/// </summary>
public sealed partial class BulletinLinks(ExportLinks links, IOptions<RankingOptions> options)
{
    public const string Path = "/api/ranking/bulletin";

    public static string Resource(string announcementId, BulletinFormat format) =>
        $"{announcementId}.{(format == BulletinFormat.Word ? "docx" : "xlsx")}";

    public DateTimeOffset ExpiryOf(Announcement a) => a.PublishedAt.AddDays(Math.Max(1, options.Value.BulletinLinkDays));

    /// <summary>The link posted with the announcement.</summary>
    public async Task<string> ForCardAsync(Announcement a, CancellationToken ct) =>
        (await links.CreateAsync(Path, Resource(a.Id, BulletinFormat.Word), ExpiryOf(a), ct)).Url;

    /// <summary>A short-lived link for an admin's 导出通报表.</summary>
    public Task<(string Url, DateTimeOffset Expires)> ForAdminAsync(Announcement a, BulletinFormat format, CancellationToken ct) =>
        links.CreateAsync(Path, Resource(a.Id, format), ct);

    public Task<ExportLinks.Check> VerifyAsync(string resource, string? exp, string? sig, CancellationToken ct) =>
        links.VerifyAsync(Path, resource, exp, sig, ct);

    /// <summary>"2026-03.r0.docx" → (id, format); null for anything else.</summary>
    public static (string Id, BulletinFormat Format)? Parse(string? resource) =>
        resource is not null && ResourcePattern().Match(resource) is { Success: true } m
            ? (m.Groups[1].Value, m.Groups[2].Value == "docx" ? BulletinFormat.Word : BulletinFormat.Workbook)
            : null;

    [GeneratedRegex(@"^([0-9]{4}-[0-9]{2}\.r[0-9]{1,3})\.(docx|xlsx)$")]
    private static partial Regex ResourcePattern();
}

public static class BulletinEndpoints
{
    private const string TextType = "text/plain; charset=utf-8";

    /// <summary>GET /api/ranking/bulletin/{id}.{docx|xlsx}?exp=…&amp;sig=…: the published 通报表, built from its snapshot.</summary>
    public static void MapRankingEndpoints(this WebApplication app) =>
        app.MapGet(BulletinLinks.Path + "/{resource}", async (string resource, string? exp, string? sig, BulletinLinks links,
            RankingAnnouncementStore announcements, RankingBulletin bulletin, CancellationToken ct) =>
        {
            if (BulletinLinks.Parse(resource) is not { } target)
                return Results.Text(RankingTexts.BulletinLinkInvalid, TextType, statusCode: StatusCodes.Status400BadRequest);
            switch (await links.VerifyAsync(resource, exp, sig, ct))
            {
                case ExportLinks.Check.Expired:
                    return Results.Text(RankingTexts.BulletinLinkExpired(target.Id), TextType, statusCode: StatusCodes.Status410Gone);
                case ExportLinks.Check.BadSignature:
                    return Results.Text(RankingTexts.BulletinLinkInvalid, TextType, statusCode: StatusCodes.Status403Forbidden);
            }
            if (await announcements.GetAsync(target.Id, ct) is not { } a)
                return Results.Text(RankingTexts.BulletinMissing, TextType, statusCode: StatusCodes.Status404NotFound);
            return target.Format == BulletinFormat.Word
                ? Results.File(bulletin.Word(a), Common.Documents.OfficialDocument.ContentType, RankingBulletin.FileName(a, "docx"))
                : Results.File(bulletin.Workbook(a), RankingBulletin.WorkbookContentType, RankingBulletin.FileName(a, "xlsx"));
        });
}
