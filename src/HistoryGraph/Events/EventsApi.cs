using System.Globalization;
using System.Text.Json;
using HistoryGraph.Access;
using HistoryGraph.Http;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Text;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Events;

/// GET /events?entity_fqn=&event_type=&limit=: the original tracker's REST API, newest first.
/// Kept for its users; GraphQL answers everything else.
public static class EventsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", ListAsync).RequireRole(AccessRole.Reader, "Reading events needs the reader role");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, HistoryDbContext db, PayloadCodec codec, CancellationToken cancellationToken)
    {
        var limit = DefaultLimit;
        if (request.Query["limit"] is { Count: > 0 } raw
            && (!int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "INVALID_LIMIT", "Invalid limit",
                $"limit must be a whole number from 1 to {MaxLimit}; got '{StrictText.ForLog(raw[0], 40)}'.");
        }

        foreach (var name in new[] { "entity_fqn", "event_type" })
        {
            if (request.Query[name] is { Count: > 0 } text && StrictText.StringProblem(text[0]) is { } problem)
                return Problems.Create(StatusCodes.Status400BadRequest, "INVALID_STRING", "Invalid parameter", $"{name} {problem}");
        }

        var query = db.ChangeEvents.AsNoTracking();
        if (request.Query["entity_fqn"] is { Count: > 0 } fqn && !string.IsNullOrEmpty(fqn[0]))
        {
            var value = fqn[0]!;
            query = query.Where(e => e.EntityFqn == value);
        }
        if (request.Query["event_type"] is { Count: > 0 } type && !string.IsNullOrEmpty(type[0]))
        {
            var value = type[0]!;
            query = query.Where(e => e.EventType == value);
        }

        var rows = await query
            .OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var events = rows.Select(e => EventSummary.From(e, codec)).ToList();
        return TypedResults.Json(new EventList(events, events.Count), JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
