using HistoryGraph.Access;

namespace HistoryGraph.Dashboard;

/// What the dashboard needs to know before it can ask anything: where a person may sign in.
/// Public by design: it holds no secret (the dashboard is a public client that proves itself
/// with PKCE), only the issuers configured with a client id for it.
public sealed record DashboardConfig(IReadOnlyList<DashboardIssuer> Issuers)
{
    public static DashboardConfig From(AccessOptions access) =>
        new([.. access.Issuers.Where(i => i.DashboardClientId is { Length: > 0 })
            .Select(i => new DashboardIssuer(i.Authority.TrimEnd('/'), i.DashboardClientId!, i.DashboardScope))]);
}
