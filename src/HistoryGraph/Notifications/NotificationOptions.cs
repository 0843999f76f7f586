namespace HistoryGraph.Notifications;

/// Section "Notifications": how notifications leave the server.
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// Let notifications reach loopback, private, link-local and metadata addresses (an intranet
    /// webhook, a receiver on the same host). Off by default: a target URL must not become a way
    /// into the network the server sits in.
    public bool AllowPrivateNetworks { get; set; }

    /// Redirects followed per request, each one checked like the first address.
    public int MaxRedirects { get; set; } = 3;

    /// The OpenMetadata UI that messages link assets to, e.g. https://om.example.com. Empty:
    /// OpenMetadata:ApiUrl without its /api; both empty: messages carry no links.
    public string OpenMetadataUrl { get; set; } = "";

    /// The Telegram Bot API; another base for a local Bot API server or an air-gapped install.
    public string TelegramApiUrl { get; set; } = "https://api.telegram.org";

    /// The SMTP server EMAIL targets send through.
    public SmtpOptions Smtp { get; set; } = new();

    /// How long one attempt may take, connection and answer together.
    public int TimeoutSeconds { get; set; } = 10;

    /// Attempts per message before it is given up (RETRY_LIMIT_REACHED).
    public int MaxAttempts { get; set; } = 8;

    /// The median delay before the first retry; later ones grow exponentially, with jitter.
    public double FirstRetrySeconds { get; set; } = 10;

    /// No retry waits longer than this, nor does a receiver's Retry-After.
    public double MaxRetrySeconds { get; set; } = 3600;

    /// Failed attempts in a row after which a target is disabled; 0: never.
    public int DisableAfterFailures { get; set; } = 20;

    /// Messages a minute per target when the target gives no rate of its own.
    public int RateLimitPerMinute { get; set; } = 60;

    /// Whether this instance sends notifications; false for an instance that only takes webhooks
    /// and answers queries (another instance on the store sends; deliveries are still made).
    public bool Send { get; set; } = true;

    /// Targets this instance sends to at once (each target's messages go one at a time, in order).
    public int Concurrency { get; set; } = 8;

    /// How long a claim on a target lasts without renewal. The claiming instance renews it every
    /// third of this while it holds the target, sends or not; when the instance dies, another
    /// takes the target over this long after the last renewal (plus a poll).
    public double LeaseSeconds { get; set; } = 6;

    /// How often an instance looks for messages due (retries, other instances' events); its own
    /// new deliveries wake it at once.
    public double PollSeconds { get; set; } = 1;

    /// Days the delivery log keeps settled deliveries; 0: for ever.
    public int KeepDeliveryDays { get; set; } = 90;

    /// How long the dispatcher lets events gather after the first before writing their
    /// deliveries in one transaction.
    public int DispatchDelayMilliseconds { get; set; } = 100;

    /// How often digest schedules are looked at.
    public double DigestCheckSeconds { get; set; } = 30;

    /// Bytes of a receiver's answer read at most; the delivery log keeps the first ResponseExcerptChars characters.
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    public int ResponseExcerptChars { get; set; } = 1000;
}
