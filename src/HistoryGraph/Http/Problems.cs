namespace HistoryGraph.Http;

/// Every error answer is problem+json with a stable `code` beside the human message.
internal static class Problems
{
    public static IResult Create(int status, string code, string title, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
            extensions[key] = value;
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    public static IResult Unavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "5";
        return Create(StatusCodes.Status503ServiceUnavailable, "STORE_UNAVAILABLE", "The history store is unavailable", detail);
    }
}
