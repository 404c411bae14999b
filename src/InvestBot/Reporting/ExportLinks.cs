using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace InvestBot.Reporting;

/// <summary>
/// Short-lived signed download links for the month's Excel export: HMAC-SHA256 over (month, expiry).
/// Anyone holding the link can download until it expires, so links go only to admins and live minutes.
/// </summary>
public sealed class ExportLinks
{
    public const string Path = "/api/reporting/export";
    private readonly byte[] _key;
    private readonly ReportingOptions _options;
    private readonly TimeProvider _time;

    public ExportLinks(IOptions<ReportingOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        // Without a configured key, a per-process random key: links then only work on the instance that made them.
        _key = string.IsNullOrEmpty(_options.DownloadSigningKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Encoding.UTF8.GetBytes(_options.DownloadSigningKey);
    }

    public (string Url, DateTimeOffset Expires) Create(ReportingMonth month)
    {
        var expires = _time.GetUtcNow().AddMinutes(Math.Max(1, _options.DownloadLinkMinutes));
        var exp = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var url = $"{_options.PublicBaseUrl.TrimEnd('/')}{Path}/{month.Key}?exp={exp}&sig={Sign(month, exp)}";
        return (url, expires);
    }

    public enum Check { Valid, BadSignature, Expired }

    public Check Verify(ReportingMonth month, string? exp, string? sig)
    {
        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(sig) || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return Check.BadSignature;
        var expected = Encoding.ASCII.GetBytes(Sign(month, exp));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig))) return Check.BadSignature;
        return _time.GetUtcNow().ToUnixTimeSeconds() > seconds ? Check.Expired : Check.Valid;
    }

    private string Sign(ReportingMonth month, string exp)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"export|{month.Key}|{exp}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
