namespace HistoryGraph.Access;

/// One issuer of OpenID Connect / JWT bearer tokens (`Auth:Issuers:N`).
public sealed class TokenIssuerOptions
{
    /// The issuer's address: its discovery document is `{Authority}/.well-known/openid-configuration`,
    /// and tokens must name the issuer that document names.
    public string Authority { get; set; } = "";

    /// The audience tokens must name (`aud`).
    public string Audience { get; set; } = "";

    /// The claim whose values give roles: `roles` by default; `scope` (space-separated) works too.
    public string RoleClaim { get; set; } = "roles";

    /// The claims that name the catalog user a token speaks for, the first present winning, the
    /// part before an `@` kept: OpenMetadata's own rule (its `jwtPrincipalClaims`), so that the
    /// name is the one OpenMetadata records as owner and follower. Null: `email`,
    /// `preferred_username`, `sub`.
    public string[]? UserNameClaims { get; set; }

    public static readonly string[] DefaultUserNameClaims = ["email", "preferred_username", "sub"];

    /// What each value of RoleClaim means, e.g. `historygraph.read` = `reader`. Empty: the
    /// values `reader`, `admin` and `ingest` mean themselves. Other values give no role.
    public Dictionary<string, string> Roles { get; set; } = [];

    /// How far the issuer's clock and this server's may disagree when a token's lifetime is checked.
    public double ClockSkewSeconds { get; set; } = 30;

    /// The discovery document and signing keys are fetched over HTTPS only, unless this is
    /// false (an issuer on a private network, or a test's).
    public bool RequireHttpsMetadata { get; set; } = true;

    /// The client id the dashboard signs people in with (a public client: authorization code
    /// with PKCE, redirect URI the dashboard's address). Empty: the dashboard asks for a key only.
    public string? DashboardClientId { get; set; }

    /// The scopes the dashboard asks this issuer for.
    public string DashboardScope { get; set; } = "openid profile";
}
