using System.Linq.Expressions;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Events;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HistoryGraph.Statistics;

/// Change statistics: from the change_counts rollup when it can answer (no `where`, at most one
/// group, bucket edges on whole spans of what is counted: the spans inside the range from the
/// rollup, the minutes before the first and after the last whole span from the events), else by
/// counting the matching events, streamed, so that memory stays flat however many there are.
public static class ChangeStatistics
{
    public static async Task<IReadOnlyList<ChangeStatsBucket>> ComputeAsync(HistoryDbContext db, DateTime from, DateTime to, ChangeStatsArguments arguments, CancellationToken cancellationToken)
    {
        var (bucket, groupBy) = (arguments.Bucket, arguments.GroupBy);
        var counter = new BucketCounter(StatsBuckets.Between(from, to, bucket, arguments.Zone));
        var filter = FilterExpressions.Build(ChangeEventQueryable.Declaration, arguments.Where, db.Tables());
        List<ChangeCountDimension> dimensions = [ChangeCountDimension.Total, .. groupBy.Select(g => (ChangeCountDimension)g)];
        if (filter is null && groupBy.Count <= 1 && RolledUpEdges(counter, from, to, dimensions) is { } edges)
        {
            await CountRollupAsync(db, edges, dimensions, counter, cancellationToken);
            await CountEventsAsync(db, from, edges[0], null, groupBy, counter, cancellationToken);
            await CountEventsAsync(db, edges[^1], to, null, groupBy, counter, cancellationToken);
        }
        else
            await CountEventsAsync(db, from, to, filter, groupBy, counter, cancellationToken);
        return counter.Results();
    }

    /// The part of the range the rollup answers, as its edges: from the first to the last whole
    /// span of the coarsest finest span of the dimensions asked, with every bucket edge between,
    /// when each of those falls on such a span (a zone whose offset is not whole hours cuts hours
    /// that users are not counted in); null when there is no such part.
    private static List<DateTime>? RolledUpEdges(BucketCounter counter, DateTime from, DateTime to, IReadOnlyList<ChangeCountDimension> dimensions)
    {
        var span = dimensions.Max(ChangeCounting.FinestSpanOf);
        var first = ChangeCounting.StartOf(from, span);
        if (first < from)
            first += ChangeCounting.LengthOf(span);
        var last = ChangeCounting.StartOf(to, span);
        if (first >= last)
            return null;
        List<DateTime> edges = [first, .. counter.Ranges.Skip(1).Select(r => r.Start).Where(t => t > first && t < last), last];
        return edges.All(t => ChangeCounting.IsStartOf(t, span)) ? edges : null;
    }

    private static async Task CountRollupAsync(HistoryDbContext db, IReadOnlyList<DateTime> edges, IReadOnlyList<ChangeCountDimension> dimensions,
        BucketCounter counter, CancellationToken cancellationToken)
    {
        if (db is PostgresHistoryDbContext)
        {
            await SumSpansAsync(db, RollupReading.Plan(counter, edges, dimensions), counter, cancellationToken);
            return;
        }
        var (first, last) = (edges[0], edges[^1]);
        // Embedded: each dimension's finest spans over the range, added up here.
        foreach (var dimension in dimensions)
        {
            var span = ChangeCounting.FinestSpanOf(dimension);
            var rows = db.ChangeCounts.AsNoTracking()
                .Where(c => c.Dimension == dimension && c.Span == span && c.Start >= first && c.Start < last)
                .Select(c => new { c.Start, c.Key, c.Count })
                .AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (counter.BucketOf(DateTime.SpecifyKind(row.Start, DateTimeKind.Utc)) is var index and >= 0)
                    AddRollupRow(counter, dimension, index, row.Key, row.Count);
            }
        }
    }

    /// PostgreSQL adds up each range of spans the reading names (a bucket's UTC days, the
    /// hours or quarters between a UTC midnight and the zone's), one index range each; each
    /// sum goes to the buckets it belongs to, added or taken away.
    private static async Task SumSpansAsync(HistoryDbContext db, RollupReading reading, BucketCounter counter, CancellationToken cancellationToken)
    {
        if (reading.Ranges.Count == 0)
            return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Each range one index range, read from the index alone: OFFSET 0 keeps the
            // subquery from being pulled up into a join, which PostgreSQL would hash on dimension
            // and span and then test every range against every row of them (seconds a year).
            await using var command = new NpgsqlCommand("""
                SELECT r.n, c."key", sum(c."count")::bigint
                FROM unnest($1::smallint[], $2::smallint[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS r(dimension, span, s, e, n)
                CROSS JOIN LATERAL (
                    SELECT c."key", c."count" FROM change_counts c
                    WHERE c.dimension = r.dimension AND c.span = r.span AND c.start >= r.s AND c.start < r.e
                    OFFSET 0) AS c
                GROUP BY r.n, c."key"
                """, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter { Value = reading.Ranges.Select(r => (short)r.Dimension).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = reading.Ranges.Select(r => (short)r.Span).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = reading.Ranges.Select(r => r.Start).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = reading.Ranges.Select(r => r.End).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var range = reading.Ranges[(int)reader.GetInt64(0) - 1];
                var (key, count) = (reader.GetString(1), reader.GetInt64(2));
                foreach (var (bucket, sign) in range.Buckets)
                    AddRollupRow(counter, range.Dimension, bucket, key, sign * count);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// A rollup count into its bucket: the total, or a group (the empty key is "none").
    private static void AddRollupRow(BucketCounter counter, ChangeCountDimension dimension, int bucket, string key, long count)
    {
        if (dimension == ChangeCountDimension.Total)
            counter.AddTotal(bucket, count);
        else
            counter.AddGroup(bucket, [key.Length == 0 ? null : key], count);
    }

    private sealed record EventRow(long Sequence, DateTime Timestamp, string EventType, string EntityType, string? UserName, SemanticChange SemanticChange, string? Service, bool IsBot, string? ImpersonatedBy);

    private static async Task CountEventsAsync(HistoryDbContext db, DateTime from, DateTime to, Expression<Func<ChangeEvent, bool>>? filter,
        IReadOnlyList<ChangeStatsGroup> groupBy, BucketCounter counter, CancellationToken cancellationToken)
    {
        if (from >= to)
            return;
        var events = db.ChangeEvents.AsNoTracking().Where(e => e.Timestamp >= from && e.Timestamp < to);
        if (filter is not null)
            events = events.Where(filter);
        var needService = groupBy.Contains(ChangeStatsGroup.Service);
        var needBot = groupBy.Contains(ChangeStatsGroup.IsBot) || groupBy.Contains(ChangeStatsGroup.ActorKind);
        var categories = groupBy.Contains(ChangeStatsGroup.Category)
            ? (await db.FieldChanges.Where(f => events.Any(e => e.Sequence == f.EventSequence)).Select(f => new { f.EventSequence, f.Category }).Distinct().ToListAsync(cancellationToken))
                .ToLookup(f => f.EventSequence, f => ChangeCounting.CategoryKey(f.Category))
            : null;
        var rows = events.Select(e => new EventRow(e.Sequence, e.Timestamp, e.EventType, e.EntityType, e.UserName, e.SemanticChange,
            needService ? db.Entities.Where(t => t.EntityId == e.EntityId).Select(t => t.Service).FirstOrDefault() : null,
            needBot && db.Actors.Any(a => a.Name == e.UserName && a.IsBot), e.ImpersonatedBy)).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var index = counter.BucketOf(DateTime.SpecifyKind(row.Timestamp, DateTimeKind.Utc));
            if (index >= 0)
                counter.Count(index, new CountedEvent(row.Timestamp, row.EventType, row.EntityType, row.UserName, row.SemanticChange, row.Service, row.IsBot, row.ImpersonatedBy,
                    categories is null ? [] : categories[row.Sequence]), groupBy);
        }
    }
}
