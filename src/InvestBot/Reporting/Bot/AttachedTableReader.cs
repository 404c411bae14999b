using System.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace InvestBot.Reporting.Bot;

/// <summary>The rows of a table file sent with a message, or why there are none.</summary>
public sealed record AttachedTable(IReadOnlyList<IReadOnlyList<string?>>? Rows, string? Problem)
{
    public static readonly AttachedTable None = new(null, null);

    /// <summary>A parsed table, or its parse error after <paramref name="rejected"/>.</summary>
    public static AttachedTable From(TargetTable table, string rejected) =>
        table.Error is null ? new(table.Rows, null) : new(null, rejected + table.Error);
}

/// <summary>
/// Reads a .xlsx/.csv file a user sent with the message. In the Teams client (the bot's manifest has supportsFiles) a
/// file arrives as an <c>application/vnd.microsoft.teams.file.download.info</c> attachment whose content holds a
/// short-lived, pre-authorised <c>downloadUrl</c> and the <c>fileType</c>; other clients send a plain attachment with a
/// content URL. Either URL is attacker-controlled, so only https URLs on the configured SharePoint/OneDrive hosts are
/// fetched, a redirect is an error (the client follows none), and the body is cut off at 2 MB while it streams whatever
/// the headers say. A workbook is then opened only within <see cref="WorkbookLimits"/>. Every failure is a sentence for
/// the user; nothing is imported then.
/// </summary>
public sealed class AttachedTableReader(IHttpClientFactory http, IOptions<ReportingOptions> options, ILogger<AttachedTableReader> log)
{
    public const string TeamsFileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";
    public const string HttpClientName = "reporting-import";

    public async Task<AttachedTable> ReadAsync(IActivity activity, CancellationToken ct)
    {
        var file = (activity.AsMessageActivity()?.Attachments ?? []).Select(Describe).FirstOrDefault(f => f is not null);
        if (file is null) return AttachedTable.None;
        var (name, url, type) = file.Value;
        if (type is not ("xlsx" or "csv")) return new(null, ReportingTexts.FileTypeUnsupported(name));
        if (!FileHosts.Allows(url, options.Value.EffectiveImportHosts, out var uri))
        {
            log.LogWarning("An attached file's URL is not an https URL on an allowed host; not downloaded");
            return new(null, ReportingTexts.FileHostRefused(name));
        }

        var download = await DownloadAsync(uri, ct);
        if (download.Problem is { } problem) return new(null, problem(name));
        var bytes = download.Bytes!;

        if (type == "xlsx")
        {
            var package = WorkbookPackage.Open(bytes, WorkbookLimits.Default);
            if (package.Package is null)
            {
                log.LogWarning("An attached xlsx file was refused: {Reason}", package.Problem is null ? "unreadable" : "over a limit");
                return new(null, package.Problem is { } limit ? ReportingTexts.FileOverLimits(name, limit) : ReportingTexts.FileUnreadable(name));
            }
            using var stream = package.Package;
            var workbook = TargetTableReader.FromXlsx(stream);
            if (workbook.Error is null) return new(workbook.Rows, null);
            // A damaged workbook, or a file that is not what its name says.
            log.LogWarning("An attached xlsx file could not be read");
            return new(null, ReportingTexts.FileUnreadable(name));
        }
        return AttachedTable.From(TargetTableReader.FromCsv(bytes), ReportingTexts.ImportRejected);
    }

    private sealed record Download(byte[]? Bytes, Func<string, string>? Problem);

    private async Task<Download> DownloadAsync(Uri uri, CancellationToken ct)
    {
        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                log.LogWarning("An attached file's URL answered with a redirect (HTTP {Status}); not followed", (int)response.StatusCode);
                return new(null, ReportingTexts.FileHostRefused);
            }
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("Downloading an attached file failed with HTTP {Status}", (int)response.StatusCode);
                return new(null, ReportingTexts.FileDownloadFailed);
            }
            if (response.Content.Headers.ContentLength > TargetTableReader.MaxBytes) return new(null, ReportingTexts.FileTooLarge);
            // Read at most one byte past the cap, whatever Content-Length said (or whether it was sent at all).
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[TargetTableReader.MaxBytes + 1];
            var read = 0;
            while (read < buffer.Length && await body.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
            if (read > TargetTableReader.MaxBytes)
            {
                log.LogWarning("An attached file was larger than {Max} bytes; the download was cut off", TargetTableReader.MaxBytes);
                return new(null, ReportingTexts.FileTooLarge);
            }
            return new(buffer[..read], null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Downloading an attached file failed: {Reason}", e.GetType().Name);
            return new(null, ReportingTexts.FileDownloadFailed);
        }
    }

    /// <summary>CSV text as Excel writes it: by byte-order mark, else UTF-8 when valid, else GB18030 (Excel's plain "CSV" on a
    /// Chinese Windows).</summary>
    public static string CsvText(byte[] bytes) => TargetTableReader.Decode(bytes);

    private static (string Name, string Url, string Type)? Describe(Attachment a)
    {
        if (a.ContentType == TeamsFileDownloadInfo)
        {
            var info = a.Content as JObject ?? (a.Content is null ? null : JObject.FromObject(a.Content));
            var url = info?.Value<string>("downloadUrl");
            if (url is null) return null;
            var name = a.Name ?? "文件";
            return (name, url, (info!.Value<string>("fileType") ?? Path.GetExtension(name).TrimStart('.')).ToLowerInvariant());
        }
        // Cards and inline images are not files; a plain attachment with a file name and a URL is.
        if (a.ContentUrl is null || string.IsNullOrEmpty(a.Name) || a.ContentType?.StartsWith("application/vnd.microsoft.card") == true) return null;
        return (a.Name, a.ContentUrl, Path.GetExtension(a.Name).TrimStart('.').ToLowerInvariant());
    }
}

/// <summary>Which URLs a file may be downloaded from: absolute https on the default port, no user info, the host equal to
/// an allowed name or, for "*.name", a subdomain of it.</summary>
public static class FileHosts
{
    public static bool Allows(string? url, IEnumerable<string> hosts, out Uri uri)
    {
        uri = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps || !parsed.IsDefaultPort
            || parsed.UserInfo.Length > 0 || parsed.HostNameType != UriHostNameType.Dns)
            return false;
        var host = parsed.IdnHost.TrimEnd('.');
        foreach (var pattern in hosts)
        {
            var allowed = pattern.Trim().TrimEnd('.');
            var match = allowed.StartsWith("*.", StringComparison.Ordinal)
                ? host.Length > allowed.Length - 1 && host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase);
            if (match)
            {
                uri = parsed;
                return true;
            }
        }
        return false;
    }
}
