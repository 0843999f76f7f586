using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Access;

public static class EndpointAccess
{
    /// Refuses callers without the role before the endpoint's handler runs (401 with a
    /// challenge, or 403, as a problem document with `code`); the caller is in Items for the handler.
    public static RouteHandlerBuilder RequireRole(this RouteHandlerBuilder builder, AccessRole role, string refusalTitle) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var decision = await http.RequestServices.GetRequiredService<AccessControl>().DecideAsync(http, role);
            if (!decision.Allowed)
                return AccessControl.Refusal(http, decision, refusalTitle);
            http.Items[Caller.ContextKey] = decision.Caller;
            return await next(context);
        });
}
