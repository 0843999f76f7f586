using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Access;

/// Who a request runs as: its role (none for an anonymous caller that may do nothing), a name
/// to record and log (a key's id and name, a token's subject; never a secret), and until when
/// the credential holds (live connections end then, so the client comes back with a new one).
/// An anonymous caller presented nothing: refused, it is asked for a key (401), not told that
/// its key's role falls short (403).
public sealed record Caller(AccessRole? Role, string Name, DateTimeOffset? ExpiresAt = null, bool IsAnonymous = false)
{
    /// Where a GraphQL request's user context keeps its caller.
    public const string ContextKey = "HistoryGraph.Caller";

    public static Caller Anonymous { get; } = new(null, "anonymous", IsAnonymous: true);

    /// Admin may do everything a reader may; ingest only delivers.
    public bool May(AccessRole required) => Role == required || (Role == AccessRole.Admin && required == AccessRole.Reader);
}
