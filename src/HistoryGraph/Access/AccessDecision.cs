namespace HistoryGraph.Access;

/// Whether a request may go on, as whom, and if not, the answer: status, `extensions.code`
/// (AUTH_NOT_AUTHENTICATED, AUTH_NOT_AUTHORIZED, RATE_LIMITED) and a message saying what to do;
/// for a rate limit, when to try again.
public sealed record AccessDecision(Caller? Caller, int Status, string? Code, string? Message, TimeSpan? RetryAfter = null)
{
    public bool Allowed => Caller is not null && Code is null;

    public static AccessDecision Allow(Caller caller) => new(caller, StatusCodes.Status200OK, null, null);

    public static AccessDecision NotAuthenticated(string message) => new(null, StatusCodes.Status401Unauthorized, AccessControl.NotAuthenticatedCode, message);

    public static AccessDecision NotAuthorized(Caller caller, string message) => new(caller, StatusCodes.Status403Forbidden, AccessControl.NotAuthorizedCode, message);

    public static AccessDecision RateLimited(Caller caller, TimeSpan retryAfter) => new(caller, StatusCodes.Status429TooManyRequests, AccessControl.RateLimitedCode,
        $"Too many requests from {(caller.IsAnonymous ? "this address" : caller.Name)}: try again in {Math.Ceiling(retryAfter.TotalSeconds)} s (Auth:RateLimits).", retryAfter);
}
