namespace HistoryGraph.Notifications;

/// A notification's destination (or a redirect's) that may not be reached: a private address,
/// a host name resolving to one, or a scheme other than http(s). Says which and why, never more.
public sealed class OutboundAddressRefusedException(string message) : HttpRequestException(message);
