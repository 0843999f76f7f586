using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;

namespace HistoryGraph.Notifications;

/// Secrets of notification targets (webhook secrets, bot tokens, incoming-webhook URLs, which
/// carry their own token) as they are kept: encrypted by ASP.NET Core Data Protection with keys
/// kept in the history store, so any instance reads what another wrote; shown only masked.
public sealed class TargetSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("HistoryGraph.Notifications.TargetSecrets.v1");

    /// Secrets read, by what is stored: every message needs its target's URL and secret, and
    /// decrypting them each time cost more than signing the message. A changed secret is stored
    /// anew, so it is another key; the few targets there are keep this small.
    private const int KeptSecrets = 1024;
    private readonly ConcurrentDictionary<string, string> _read = new(StringComparer.Ordinal);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string stored)
    {
        if (_read.TryGetValue(stored, out var secret))
            return secret;
        secret = _protector.Unprotect(stored);
        if (_read.Count >= KeptSecrets)
            _read.Clear();
        _read[stored] = secret;
        return secret;
    }

    /// What may be shown of a secret: its last four characters when it is long enough for that
    /// to give nothing away.
    public static string Mask(string secret) => secret.Length >= 16 ? "••••" + secret[^4..] : "••••";

    /// What may be shown of a URL that carries a token: its scheme and host, and the end of the
    /// rest masked like a secret.
    public static string MaskUrl(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri)
        ? $"{uri.Scheme}://{uri.Authority}/{Mask(uri.PathAndQuery.TrimStart('/'))}"
        : Mask(url);
}
