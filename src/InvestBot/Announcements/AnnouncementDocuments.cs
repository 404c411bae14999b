using System.Text.RegularExpressions;

namespace InvestBot.Announcements;

/// <summary>A file built for download.</summary>
public sealed record AnnouncementFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// A document that goes with every announcement of one kind (the monthly ranking's 通报表 in Word and Excel), built from the
/// announcement's stored snapshot, so a document downloaded a month later shows what was published. The capability that
/// registers the kind registers its document; the signed links, their checks and the download are the kernel's
/// (<see cref="AnnouncementDocumentLinks"/>, <see cref="AnnouncementDocumentEndpoints"/>), the same for every kind.
/// </summary>
public interface IAnnouncementDocument
{
    /// <summary>The <see cref="IAnnouncementKind.Kind"/> it goes with.</summary>
    string Kind { get; }

    /// <summary>Where its links point ("/api/ranking/bulletin"); signed with the resource, so a link opens that document only.</summary>
    string Path { get; }

    /// <summary>The formats offered, as file extensions ("docx", "xlsx"); the first is the one the card links to.</summary>
    IReadOnlyList<string> Formats { get; }

    /// <summary>When the link posted with the announcement stops working (the same for every conversation).</summary>
    DateTimeOffset CardLinkExpiry(AnnouncementRecord announcement);

    /// <summary>The file, or null when the announcement's snapshot cannot be read as this kind.</summary>
    Task<AnnouncementFile?> BuildAsync(AnnouncementRecord announcement, string format, CancellationToken ct);

    /// <summary>What a visitor reads when the link was cut or changed.</summary>
    string InvalidLinkText { get; }

    /// <summary>What a visitor reads when the link has expired: where to get a new one.</summary>
    string ExpiredLinkText(string announcementId);

    /// <summary>What a visitor reads when the signed announcement does not exist.</summary>
    string MissingText { get; }
}

/// <summary>The outcome of checking a signed link.</summary>
public enum DownloadCheck { Valid, BadSignature, Expired }

/// <summary>
/// Signs and checks download links with the office's one key and public address. Declared here, registered by the
/// capability that owns the downloads' settings (Reporting's ExportLinks), so every signed link of the bot is alike.
/// </summary>
public interface IDownloadSigner
{
    /// <param name="expires">Null: the short life of an admin's export link.</param>
    Task<(string Url, DateTimeOffset Expires)> SignAsync(string path, string resource, DateTimeOffset? expires, CancellationToken ct);

    Task<DownloadCheck> VerifyAsync(string path, string resource, string? exp, string? sig, CancellationToken ct);
}

/// <summary>Signed links to an announcement's documents: the resource is the announcement id and the format ("2026-03.r0.docx").</summary>
public sealed partial class AnnouncementDocumentLinks(IDownloadSigner signer, IEnumerable<IAnnouncementDocument> documents)
{
    private readonly Dictionary<string, IAnnouncementDocument> _byKind = documents.ToDictionary(d => d.Kind);

    public IAnnouncementDocument? DocumentOf(string kind) => _byKind.GetValueOrDefault(kind);

    public static string Resource(string announcementId, string format) => $"{announcementId}.{format}";

    /// <summary>The link posted with the announcement (its kind's first format); null when its kind has no document.</summary>
    public async Task<string?> ForCardAsync(AnnouncementRecord a, CancellationToken ct) =>
        DocumentOf(a.Kind) is { } d ? (await signer.SignAsync(d.Path, Resource(a.Id, d.Formats[0]), d.CardLinkExpiry(a), ct)).Url : null;

    /// <summary>A short-lived link for an admin's export.</summary>
    public Task<(string Url, DateTimeOffset Expires)> ForAdminAsync(AnnouncementRecord a, string format, CancellationToken ct)
    {
        var d = DocumentOf(a.Kind) ?? throw new InvalidOperationException($"announcements of kind {a.Kind} have no document");
        if (!d.Formats.Contains(format)) throw new ArgumentException($"{a.Kind} has no {format} document", nameof(format));
        return signer.SignAsync(d.Path, Resource(a.Id, format), null, ct);
    }

    public Task<DownloadCheck> VerifyAsync(string path, string resource, string? exp, string? sig, CancellationToken ct) =>
        signer.VerifyAsync(path, resource, exp, sig, ct);

    /// <summary>"2026-03.r0.docx" → (id, format); null for anything else.</summary>
    public static (string Id, string Format)? Parse(string? resource) =>
        resource is not null && ResourcePattern().Match(resource) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : null;

    [GeneratedRegex(@"^([0-9A-Za-z-]{1,40}\.r[0-9]{1,3})\.([a-z]{3,4})$")]
    private static partial Regex ResourcePattern();
}

public static class AnnouncementDocumentEndpoints
{
    private const string TextType = "text/plain; charset=utf-8";

    /// <summary>GET {path}/{id}.{format}?exp=…&amp;sig=…, one route per document path: the published document, built from its snapshot.</summary>
    public static void MapAnnouncementDocuments(this WebApplication app)
    {
        foreach (var path in app.Services.GetServices<IAnnouncementDocument>().GroupBy(d => d.Path))
        {
            var texts = path.First();
            app.MapGet(path.Key + "/{resource}", async (string resource, string? exp, string? sig, AnnouncementDocumentLinks links,
                AnnouncementStore announcements, CancellationToken ct) =>
            {
                if (AnnouncementDocumentLinks.Parse(resource) is not { } target)
                    return Results.Text(texts.InvalidLinkText, TextType, statusCode: StatusCodes.Status400BadRequest);
                switch (await links.VerifyAsync(path.Key, resource, exp, sig, ct))
                {
                    case DownloadCheck.Expired:
                        return Results.Text(texts.ExpiredLinkText(target.Id), TextType, statusCode: StatusCodes.Status410Gone);
                    case DownloadCheck.BadSignature:
                        return Results.Text(texts.InvalidLinkText, TextType, statusCode: StatusCodes.Status403Forbidden);
                }
                // The signature covers path and resource, so the document found here is the one the link was made for.
                if (await announcements.GetRecordAsync(target.Id, ct) is not { } a || links.DocumentOf(a.Kind) is not { } document
                    || document.Path != path.Key || !document.Formats.Contains(target.Format)
                    || await document.BuildAsync(a, target.Format, ct) is not { } file)
                    return Results.Text(texts.MissingText, TextType, statusCode: StatusCodes.Status404NotFound);
                return Results.File(file.Content, file.ContentType, file.FileName);
            });
        }
    }
}
