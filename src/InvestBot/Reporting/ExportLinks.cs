using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InvestBot.Storage;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting;

/// <summary>
/// Short-lived signed download links for the month's Excel export: HMAC-SHA256 over (month, expiry).
/// Anyone holding the link can download until it expires, so links go only to admins and live minutes.
/// </summary>
public sealed class ExportLinks
{
    public const string Path = "/api/reporting/export";
    private const string SecretName = "export-link-key";
    private readonly SharedSecretStore _secrets;
    private readonly ReportingOptions _options;
    private readonly TimeProvider _time;
    private byte[]? _key;

    public ExportLinks(IOptions<ReportingOptions> options, SharedSecretStore secrets, TimeProvider time)
    {
        _options = options.Value;
        _secrets = secrets;
        _time = time;
        if (!string.IsNullOrEmpty(_options.DownloadSigningKey)) _key = Encoding.UTF8.GetBytes(_options.DownloadSigningKey);
    }

    public async Task<(string Url, DateTimeOffset Expires)> CreateAsync(ReportingMonth month, CancellationToken ct)
    {
        var expires = _time.GetUtcNow().AddMinutes(Math.Max(1, _options.DownloadLinkMinutes));
        var exp = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var url = $"{_options.PublicBaseUrl.TrimEnd('/')}{Path}/{month.Key}?exp={exp}&sig={Sign(await KeyAsync(ct), month, exp)}";
        return (url, expires);
    }

    public enum Check { Valid, BadSignature, Expired }

    public async Task<Check> VerifyAsync(ReportingMonth month, string? exp, string? sig, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(sig) || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return Check.BadSignature;
        var expected = Encoding.ASCII.GetBytes(Sign(await KeyAsync(ct), month, exp));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig))) return Check.BadSignature;
        return _time.GetUtcNow().ToUnixTimeSeconds() > seconds ? Check.Expired : Check.Valid;
    }

    /// <summary>The configured key, else the one all instances share in storage (fetched once per process).</summary>
    private async Task<byte[]> KeyAsync(CancellationToken ct) => _key ??= await _secrets.GetOrCreateAsync(SecretName, 32, ct);

    private static string Sign(byte[] key, ReportingMonth month, string exp)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"export|{month.Key}|{exp}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
