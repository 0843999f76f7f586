using System.Text.Json;
using GraphQL;
using HistoryGraph.Http;
using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Access;

/// Decides who may do what, the same way on every surface: the caller the credentials name
/// (Authenticator), else the anonymous caller, whose role depends on the settings: reader with
/// Auth:AllowAnonymousReads, admin in the Development environment when no admin key is
/// configured (the embedded server on a laptop), otherwise none.
public sealed class AccessControl(Authenticator authenticator, ApiKeyStore keys, RequestRates rates, IOptions<AccessOptions> options, IHostEnvironment environment,
    ILogger<AccessControl> logger)
{
    public const string NotAuthenticatedCode = "AUTH_NOT_AUTHENTICATED";
    public const string NotAuthorizedCode = "AUTH_NOT_AUTHORIZED";
    public const string RateLimitedCode = "RATE_LIMITED";

    private static readonly Caller DevelopmentCaller = Caller.Of(AccessRole.Admin, "development", isAnonymous: true);
    private static readonly Caller AnonymousReader = Caller.Of(AccessRole.Reader, "anonymous", isAnonymous: true);

    /// The caller of a request that presents nothing.
    public Caller Anonymous
    {
        get
        {
            if (environment.IsDevelopment() && options.Value.AdminKeys.Count == 0)
                return DevelopmentCaller;
            return options.Value.AllowAnonymousReads ? AnonymousReader : Caller.Anonymous;
        }
    }

    public async ValueTask<AccessDecision> DecideAsync(HttpContext http, AccessRole required, JsonElement? payload = null)
    {
        if (rates.FailuresExhausted(http) is { } lockedOut && Credentials.Presented(http, payload).Any())
            return AccessDecision.RateLimited(Caller.Anonymous, lockedOut);
        var authentication = await authenticator.AuthenticateAsync(http, payload, http.RequestAborted);
        if (authentication.Problem is { } problem)
        {
            rates.ChargeFailure(http);
            return AccessDecision.NotAuthenticated(InvalidCredentialsMessage(problem));
        }
        var caller = authentication.Caller ?? Anonymous;
        if (caller.May(required))
            return rates.Refusal(caller, http) is { } wait ? AccessDecision.RateLimited(caller, wait) : AccessDecision.Allow(caller);
        if (caller.IsAnonymous)
            return AccessDecision.NotAuthenticated(await NoCredentialsMessageAsync(required, http.RequestAborted));
        logger.LogInformation("Refused {Caller} ({Roles}) a request that needs the {Required} role: {Method} {Path}", caller.Name, caller.RolesText, required, http.Request.Method, http.Request.Path);
        return AccessDecision.NotAuthorized(caller, NotAuthorizedMessage(caller, required));
    }

    /// The HTTP answer refusing a request (a problem document), with `WWW-Authenticate` on 401.
    public static IResult Refusal(HttpContext http, AccessDecision decision, string title)
    {
        Explain(http, decision);
        return Problems.Create(decision.Status, decision.Code!, title, decision.Message!);
    }

    /// The headers of a refusal: a challenge with 401, when to come back with 429.
    public static void Explain(HttpContext http, AccessDecision decision)
    {
        if (decision.Status == StatusCodes.Status401Unauthorized)
            Challenge(http);
        if (decision.RetryAfter is { } wait)
            http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// Asks for a key: Bearer for API clients, Basic for a browser opening a page (the key as
    /// the password). Not Basic for a script's request (a browser says so with Sec-Fetch-Mode):
    /// the browser would stop the script with its own password dialog, where the dashboard asks
    /// for the key itself.
    public static void Challenge(HttpContext http) =>
        http.Response.Headers.WWWAuthenticate = http.Request.Headers["Sec-Fetch-Mode"] is { Count: > 0 } mode && mode.ToString() != "navigate"
            ? new(["Bearer realm=\"HistoryGraph\""])
            : new(["Bearer realm=\"HistoryGraph\"", "Basic realm=\"HistoryGraph\", charset=\"UTF-8\""]);

    /// The caller a GraphQL request runs as, if it may do what needs `required`; otherwise the
    /// error that refuses the field.
    public static Caller Require(IDictionary<string, object?> userContext, AccessRole required)
    {
        var caller = userContext.TryGetValue(Caller.ContextKey, out var value) && value is Caller known ? known : Caller.Anonymous;
        if (caller.May(required))
            return caller;
        throw caller.IsAnonymous
            ? new ExecutionError($"This needs the {RoleName(required)} role: present a key (`Authorization: Bearer <key>` or `X-Api-Key`).") { Code = NotAuthenticatedCode }
            : new ExecutionError(NotAuthorizedMessage(caller, required)) { Code = NotAuthorizedCode };
    }

    public static string RoleName(AccessRole role) => role.ToString().ToLowerInvariant();

    public static string InvalidCredentialsMessage(string problem) => $"The credentials presented are not valid ({problem}).";

    public static string NotAuthorizedMessage(Caller caller, AccessRole required) =>
        $"The credentials presented have {caller.RolesText}, and this needs the {RoleName(required)} role.";

    /// What an anonymous caller is told: how to present a key, or, where none exists yet, how
    /// to make one (secure by default, never a silent refusal).
    private async ValueTask<string> NoCredentialsMessageAsync(AccessRole required, CancellationToken cancellationToken)
    {
        var configured = options.Value;
        var anyKey = configured.AdminKeys.Count > 0 || configured.ReaderKeys.Count > 0 || configured.Issuers.Count > 0 || await keys.AnyAsync(cancellationToken);
        if (!anyKey && required == AccessRole.Reader)
            return "No API key or token issuer is configured, so the history is not readable: create a key with `HistoryGraph keys create --role=reader --name=<name>` " +
                "(or set Admin:ApiKeys, or Auth:Issuers for tokens), or set Auth:AllowAnonymousReads=true to let anyone who reaches this server read it.";
        return $"This needs the {RoleName(required)} role: present a key (`Authorization: Bearer <key>` or `X-Api-Key`).";
    }
}
