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

    /// This instance is shutting down: the client should send again, to another instance or later.
    public static IResult ShuttingDown(HttpContext context, int retryAfterSeconds, string detail)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Create(StatusCodes.Status503ServiceUnavailable, "SHUTTING_DOWN", "This instance is shutting down", detail);
    }
}
