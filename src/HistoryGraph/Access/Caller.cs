using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Access;

/// Who a request runs as: its roles (a key has one, a token may carry several, an anonymous
/// caller that may do nothing has none), a name to record and log (a key's id and name, a
/// token's subject; never a secret), and until when the credential holds (live connections end
/// then, so the client comes back with a new one). An anonymous caller presented nothing:
/// refused, it is asked for a key (401), not told that its roles fall short (403). UserName is
/// the catalog user a token speaks for (TokenIssuerOptions.UserNameClaims); a key names none.
public sealed record Caller(IReadOnlySet<AccessRole> Roles, string Name, DateTimeOffset? ExpiresAt = null, bool IsAnonymous = false, string? UserName = null)
{
    /// Where a GraphQL request's user context keeps its caller.
    public const string ContextKey = "HistoryGraph.Caller";

    public static Caller Anonymous { get; } = new(new HashSet<AccessRole>(), "anonymous", IsAnonymous: true);

    public static Caller Of(AccessRole role, string name, DateTimeOffset? expiresAt = null, bool isAnonymous = false) =>
        new(new HashSet<AccessRole> { role }, name, expiresAt, isAnonymous);

    /// Admin may do everything a reader may; ingest only delivers.
    public bool May(AccessRole required) => Roles.Contains(required) || (required == AccessRole.Reader && Roles.Contains(AccessRole.Admin));

    /// "the reader role", "the admin and ingest roles", "no role": for messages and logs.
    public string RolesText => Roles.Count switch
    {
        0 => "no role",
        1 => $"the {AccessControl.RoleName(Roles.First())} role",
        _ => $"the {string.Join(" and ", Roles.Order().Select(AccessControl.RoleName))} roles",
    };
}
