using System.Globalization;

namespace HistoryGraph.Http;

/// How a reader says how recent an answer must be: `HistoryGraph-Min-Sequence: N` (N from a
/// webhook's answer, an event, a subscription) asks for an answer that includes event N; a
/// standby that has not replayed it yet is waited for briefly, else the primary answers.
/// `HistoryGraph-Read-From` in the answer says which one did (standby or primary).
public static class ReadConsistency
{
    public const string Header = "HistoryGraph-Min-Sequence";
    public const string SourceHeader = "HistoryGraph-Read-From";

    /// Where a GraphQL request's user context keeps the sequence asked for, and the source used.
    public const string ContextKey = "HistoryGraph.MinSequence";
    public const string SourceKey = "HistoryGraph.ReadFrom";

    /// The sequence the request names; null without the header; refused when not a whole number.
    public static bool TryParse(HttpRequest request, out long? sequence)
    {
        sequence = null;
        if (request.Headers[Header] is not { Count: > 0 } values)
            return true;
        if (!long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        sequence = value;
        return true;
    }

    public static long? MinSequence(IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(ContextKey, out var value) && value is long sequence ? sequence : null;

    public const string Invalid = $"{Header} must be a sequence: a whole number, such as a webhook answer's `sequences`.";
}
