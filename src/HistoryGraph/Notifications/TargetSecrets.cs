using Microsoft.AspNetCore.DataProtection;

namespace HistoryGraph.Notifications;

/// Secrets of notification targets (webhook secrets, bot tokens, incoming-webhook URLs, which
/// carry their own token) as they are kept: encrypted by ASP.NET Core Data Protection with keys
/// kept in the history store, so any instance reads what another wrote; shown only masked.
public sealed class TargetSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("HistoryGraph.Notifications.TargetSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string stored) => _protector.Unprotect(stored);

    /// What may be shown of a secret: its last four characters when it is long enough for that
    /// to give nothing away.
    public static string Mask(string secret) => secret.Length >= 16 ? "••••" + secret[^4..] : "••••";

    /// What may be shown of a URL that carries a token: its scheme and host, and the end of the
    /// rest masked like a secret.
    public static string MaskUrl(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri)
        ? $"{uri.Scheme}://{uri.Authority}/{Mask(uri.PathAndQuery.TrimStart('/'))}"
        : Mask(url);
}
