using GraphQL;
using HistoryGraph.Http;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Admin;

/// Who may run admin operations: a request that presents one of Admin:ApiKeys. With no key
/// configured they are switched off, so that a server exposed by mistake gives nothing away,
/// except in Development, where the embedded server on a laptop has no keys to present.
public sealed class AdminAccess(IOptions<AdminOptions> options, IHostEnvironment environment)
{
    public AdminGrant Grant(HttpContext http)
    {
        var keys = options.Value.ApiKeys;
        if (keys.Count == 0)
            return environment.IsDevelopment() ? new AdminGrant(AdminDecision.Allowed, "development") : new AdminGrant(AdminDecision.Disabled, "");
        var presented = ApiKeys.Presented(http).ToList();
        if (presented.Count == 0)
            return new AdminGrant(AdminDecision.NotAuthenticated, "");
        return ApiKeys.MatchIndex(presented, keys) is var index and >= 0
            ? new AdminGrant(AdminDecision.Allowed, $"admin key {index + 1}")
            : new AdminGrant(AdminDecision.NotAuthorized, "");
    }

    /// The grant of a request, decided when first asked for (see AdminGrant).
    public Lazy<AdminGrant> LazyGrant(HttpContext http) => new(() => Grant(http));

    /// The grant a GraphQL request carries (none: not authenticated), or the error that refuses it.
    public static AdminGrant Require(IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(AdminGrant.Key, out var value) && value is Lazy<AdminGrant> { Value: var grant }
            ? Error(grant.Decision) is { } refused ? throw refused : grant
            : throw Error(AdminDecision.NotAuthenticated)!;

    /// The HTTP answer refusing an admin request, or null when it may run.
    public IResult? Refusal(HttpContext http)
    {
        var decision = Grant(http).Decision;
        if (decision == AdminDecision.NotAuthenticated)
            http.Response.Headers.WWWAuthenticate = "Bearer";
        return Error(decision) is { } error ? Problems.Create(Status(decision), error.Code!, "Admin operation refused", error.Message) : null;
    }

    /// The GraphQL error refusing an admin operation, or null when it may run.
    public static ExecutionError? Error(AdminDecision decision) => decision switch
    {
        AdminDecision.Allowed => null,
        AdminDecision.NotAuthenticated => new ExecutionError("This is an admin operation: present an admin key (X-Api-Key or Authorization: Bearer).") { Code = "AUTH_NOT_AUTHENTICATED" },
        AdminDecision.NotAuthorized => new ExecutionError("The key presented is not an admin key.") { Code = "AUTH_NOT_AUTHORIZED" },
        _ => new ExecutionError("Admin operations are switched off: no admin key is configured (Admin:ApiKeys).") { Code = "AUTH_NOT_AUTHORIZED" },
    };

    private static int Status(AdminDecision decision) =>
        decision == AdminDecision.NotAuthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
}
