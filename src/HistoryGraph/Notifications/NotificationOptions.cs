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
}
