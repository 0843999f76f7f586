using System.Globalization;

namespace HistoryGraph.Time;

/// Instants as the HTTP parameters and commands take them: ISO 8601, UTC unless an offset is given.
public static class Instants
{
    public const string Expected = "an ISO 8601 date or time, such as 2026-11-01 or 2026-11-01T12:00:00Z";

    public static bool TryParse(string text, out DateTime utc)
    {
        var parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant);
        utc = parsed ? instant.UtcDateTime : default;
        return parsed;
    }
}
