namespace HistoryGraph.Http;

/// Why a request body was not read.
internal enum BodyRefusal
{
    None,
    /// Over the endpoint's byte limit: 413.
    TooLarge,
    /// Not sent within BodyLimits.ReadTimeout: 408.
    TooSlow,
    /// Every large-body slot stayed taken: 503 with Retry-After.
    Busy,
}
