namespace HistoryGraph.Access;

/// Whether a request may go on, as whom, and if not, the answer: status, `extensions.code`
/// (AUTH_NOT_AUTHENTICATED, AUTH_NOT_AUTHORIZED) and a message saying what to do.
public sealed record AccessDecision(Caller? Caller, int Status, string? Code, string? Message)
{
    public bool Allowed => Caller is not null && Code is null;

    public static AccessDecision Allow(Caller caller) => new(caller, StatusCodes.Status200OK, null, null);

    public static AccessDecision NotAuthenticated(string message) => new(null, StatusCodes.Status401Unauthorized, AccessControl.NotAuthenticatedCode, message);

    public static AccessDecision NotAuthorized(Caller caller, string message) => new(caller, StatusCodes.Status403Forbidden, AccessControl.NotAuthorizedCode, message);
}
