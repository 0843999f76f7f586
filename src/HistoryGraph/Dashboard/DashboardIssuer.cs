namespace HistoryGraph.Dashboard;

/// An issuer the dashboard signs people in with: OpenID Connect's authorization code flow with
/// PKCE, as the public client `ClientId`, asking for `Scope`.
public sealed record DashboardIssuer(string Authority, string ClientId, string Scope);
