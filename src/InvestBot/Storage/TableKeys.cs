namespace InvestBot.Storage;

/// <summary>
/// PartitionKey/RowKey hygiene. Table Storage forbids '/', '\\', '#', '?' and control characters in keys,
/// and user-supplied ids (AAD ids, conversation ids such as "19:abc@thread.tacv2;messageid=1") may carry them.
/// </summary>
public static class TableKeys
{
    public static bool IsSafe(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    /// <summary>Returns the key unchanged when safe; throws otherwise. Use for ids we mint ourselves.</summary>
    public static string Require(string key) =>
        IsSafe(key) ? key : throw new ArgumentException($"Unsafe table key '{key}'.", nameof(key));

    /// <summary>
    /// Reversible encoding for arbitrary external ids: URL-safe Base64 of the UTF-8 bytes
    /// ('-' and '_' instead of '+' and '/', no padding).
    /// </summary>
    public static string Encode(string value)
    {
        var b64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value));
        return b64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Decode(string key)
    {
        var s = key.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(s));
    }
}
