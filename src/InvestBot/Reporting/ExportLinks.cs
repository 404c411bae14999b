using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InvestBot.Storage;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting;

/// <summary>
/// Short-lived signed download links for Excel exports: HMAC-SHA256 over (path, resource, expiry); the month export signs its month.
/// Anyone holding the link can download until it expires, so links go only to admins and live minutes.
/// </summary>
public sealed class ExportLinks(IOptions<ReportingOptions> options, SharedSecretStore secrets, TimeProvider time) : Announcements.IDownloadSigner
{
    public const string Path = "/api/reporting/export";
    private const string SecretName = "export-link-key";
    private readonly ReportingOptions _options = options.Value;
    // A configured key is used as is; otherwise KeyAsync loads (or creates) the shared one on first use.
    private byte[]? _key = string.IsNullOrEmpty(options.Value.DownloadSigningKey) ? null : Encoding.UTF8.GetBytes(options.Value.DownloadSigningKey);

    public Task<(string Url, DateTimeOffset Expires)> CreateAsync(ReportingMonth month, CancellationToken ct) =>
        CreateAsync(Path, month.Key, ct);

    /// <summary>A link to <c>{path}/{resource}</c>; other capabilities' downloads use their own path, which is part of what is signed.</summary>
    public Task<(string Url, DateTimeOffset Expires)> CreateAsync(string path, string resource, CancellationToken ct) =>
        CreateAsync(path, resource, time.GetUtcNow().AddMinutes(Math.Max(1, _options.DownloadLinkMinutes)), ct);

    /// <summary>A link valid until <paramref name="expires"/>: long-lived links (the 通报表 in a group's card) choose their own expiry.</summary>
    public async Task<(string Url, DateTimeOffset Expires)> CreateAsync(string path, string resource, DateTimeOffset expires, CancellationToken ct)
    {
        var exp = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var url = $"{_options.PublicBaseUrl.TrimEnd('/')}{path}/{resource}?exp={exp}&sig={Sign(await KeyAsync(ct), Signed(path, resource), exp)}";
        return (url, expires);
    }

    public enum Check { Valid, BadSignature, Expired }

    public Task<Check> VerifyAsync(ReportingMonth month, string? exp, string? sig, CancellationToken ct) =>
        VerifyAsync(Path, month.Key, exp, sig, ct);

    public async Task<Check> VerifyAsync(string path, string resource, string? exp, string? sig, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(sig) || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return Check.BadSignature;
        var expected = Encoding.ASCII.GetBytes(Sign(await KeyAsync(ct), Signed(path, resource), exp));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig))) return Check.BadSignature;
        return time.GetUtcNow().ToUnixTimeSeconds() > seconds ? Check.Expired : Check.Valid;
    }

    /// <summary>The kernel's announcement documents (the 通报表) are signed like every other download.</summary>
    Task<(string Url, DateTimeOffset Expires)> Announcements.IDownloadSigner.SignAsync(string path, string resource, DateTimeOffset? expires, CancellationToken ct) =>
        expires is { } until ? CreateAsync(path, resource, until, ct) : CreateAsync(path, resource, ct);

    async Task<Announcements.DownloadCheck> Announcements.IDownloadSigner.VerifyAsync(string path, string resource, string? exp, string? sig, CancellationToken ct) =>
        await VerifyAsync(path, resource, exp, sig, ct) switch
        {
            Check.Valid => Announcements.DownloadCheck.Valid,
            Check.Expired => Announcements.DownloadCheck.Expired,
            _ => Announcements.DownloadCheck.BadSignature,
        };

    /// <summary>The configured key, else the one all instances share in storage (fetched once per process).</summary>
    private async Task<byte[]> KeyAsync(CancellationToken ct) => _key ??= await secrets.GetOrCreateAsync(SecretName, 32, ct);

    /// <summary>The month export keeps signing its month alone, so links handed out before this change stay valid.</summary>
    private static string Signed(string path, string resource) => path == Path ? resource : path + "/" + resource;

    private static string Sign(byte[] key, string resource, string exp)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"export|{resource}|{exp}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
