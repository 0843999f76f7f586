using System.Security.Cryptography;
using System.Text;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// Checks OpenMetadata's `X-OM-Signature: sha256=<Base64(HMAC-SHA256(secret, body))>` header.
/// Base64, not hex: OpenMetadata signs with Java's Base64.getEncoder() over the raw body bytes.
public static class WebhookSignature
{
    public const string HeaderName = "X-OM-Signature";
    private const string Prefix = "sha256=";

    public static SignatureCheck Verify(ReadOnlySpan<byte> body, string? header, IReadOnlyList<byte[]> secrets)
    {
        if (string.IsNullOrWhiteSpace(header))
            return SignatureCheck.Missing;

        var value = header.Trim();
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return SignatureCheck.Malformed;

        Span<byte> presented = stackalloc byte[64];
        if (!Convert.TryFromBase64String(value[Prefix.Length..], presented, out var length) || length != 32)
            return SignatureCheck.Malformed;

        Span<byte> expected = stackalloc byte[32];
        var matched = false;
        // Every secret is tried, so the time taken does not tell which one (if any) matched.
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(secret, body, expected);
            matched |= CryptographicOperations.FixedTimeEquals(expected, presented[..length]);
        }
        return matched ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
