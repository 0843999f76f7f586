using System.Text;

namespace HistoryGraph.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "OpenMetadata";

    /// Secrets accepted for X-OM-Signature. Several at once, so that a secret can be rotated
    /// without losing deliveries: add the new one, change OpenMetadata, remove the old one.
    public List<string> WebhookSecrets { get; set; } = [];

    /// Accept unsigned deliveries when no secret is configured. Only for local use: the
    /// production configuration refuses to start without a secret.
    public bool AllowUnsignedWebhooks { get; set; }

    /// Larger bodies are answered 413.
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    public IReadOnlyList<byte[]> SecretKeys =>
        _secretKeys ??= WebhookSecrets.Where(s => !string.IsNullOrEmpty(s)).Select(Encoding.UTF8.GetBytes).ToList();

    private IReadOnlyList<byte[]>? _secretKeys;
}
