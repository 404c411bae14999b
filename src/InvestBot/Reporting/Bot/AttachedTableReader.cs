using System.Text;
using Microsoft.Bot.Schema;
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
/// content URL. Every failure is a sentence for the user; nothing is imported then.
/// </summary>
public sealed class AttachedTableReader(IHttpClientFactory http, ILogger<AttachedTableReader> log)
{
    public const string TeamsFileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";
    public const string HttpClientName = "reporting-import";

    public async Task<AttachedTable> ReadAsync(IActivity activity, CancellationToken ct)
    {
        var file = (activity.AsMessageActivity()?.Attachments ?? []).Select(Describe).FirstOrDefault(f => f is not null);
        if (file is null) return AttachedTable.None;
        var (name, url, type) = file.Value;
        if (type is not ("xlsx" or "csv")) return new(null, ReportingTexts.FileTypeUnsupported(name));

        byte[] bytes;
        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("Downloading an attached file failed with HTTP {Status}", (int)response.StatusCode);
                return new(null, ReportingTexts.FileDownloadFailed(name));
            }
            if (response.Content.Headers.ContentLength > TargetTableReader.MaxBytes) return new(null, ReportingTexts.FileTooLarge(name));
            bytes = await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Downloading an attached file failed: {Reason}", e.GetType().Name);
            return new(null, ReportingTexts.FileDownloadFailed(name));
        }
        if (bytes.Length > TargetTableReader.MaxBytes) return new(null, ReportingTexts.FileTooLarge(name));

        if (type == "xlsx")
        {
            var workbook = TargetTableReader.FromXlsx(new MemoryStream(bytes));
            if (workbook.Error is null) return new(workbook.Rows, null);
            // A damaged workbook, or a file that is not what its name says.
            log.LogWarning("An attached xlsx file could not be read");
            return new(null, ReportingTexts.FileUnreadable(name));
        }
        return AttachedTable.From(TargetTableReader.FromCsv(bytes), ReportingTexts.ImportRejected);
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
