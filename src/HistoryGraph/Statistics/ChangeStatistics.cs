using System.Linq.Expressions;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Events;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HistoryGraph.Statistics;

/// Change statistics: from the change_counts rollup when it can answer (no `where`, at most one
/// group and not by user or service, buckets of a quarter hour or more: the quarters inside the range from the rollup, the
/// minutes before the first and after the last whole quarter from the events), else by counting
/// the matching events, streamed, so that memory stays flat however many there are.
public static class ChangeStatistics
{
    public static async Task<IReadOnlyList<ChangeStatsBucket>> ComputeAsync(HistoryDbContext db, DateTime from, DateTime to, ChangeStatsArguments arguments, CancellationToken cancellationToken)
    {
        var (bucket, groupBy) = (arguments.Bucket, arguments.GroupBy);
        var counter = new BucketCounter(StatsBuckets.Between(from, to, bucket, arguments.Zone));
        var filter = FilterExpressions.Build(ChangeEventQueryable.Declaration, arguments.Where, db.Tables());
        var firstQuarter = CeilingQuarter(from);
        var lastQuarter = ChangeCounting.QuarterOf(to);
        var rolledUp = groupBy.Count == 0 || (groupBy.Count == 1 && ChangeCounting.IsRolledUp((ChangeCountDimension)groupBy[0]));
        if (filter is null && rolledUp && bucket != TimeBucket.Minute && firstQuarter < lastQuarter)
        {
            await CountRollupAsync(db, firstQuarter, lastQuarter, groupBy, counter, cancellationToken);
            await CountEventsAsync(db, from, firstQuarter, null, groupBy, counter, cancellationToken);
            await CountEventsAsync(db, lastQuarter, to, null, groupBy, counter, cancellationToken);
        }
        else
            await CountEventsAsync(db, from, to, filter, groupBy, counter, cancellationToken);
        return counter.Results();
    }

    private static DateTime CeilingQuarter(DateTime utc)
    {
        var quarter = ChangeCounting.QuarterOf(utc);
        return quarter == utc ? quarter : quarter + ChangeCounting.Quarter;
    }

    private static async Task CountRollupAsync(HistoryDbContext db, DateTime from, DateTime to, IReadOnlyList<ChangeStatsGroup> groupBy,
        BucketCounter counter, CancellationToken cancellationToken)
    {
        var dimensions = new List<ChangeCountDimension> { ChangeCountDimension.Total };
        if (groupBy.Count == 1)
            dimensions.Add((ChangeCountDimension)groupBy[0]);
        foreach (var dimension in dimensions)
        {
            if (db is PostgresHistoryDbContext)
            {
                await SumPerBucketAsync(db, dimension, from, to, counter, cancellationToken);
                continue;
            }
            // One range of the rollup's key per dimension.
            var rows = db.ChangeCounts.AsNoTracking()
                .Where(c => c.Dimension == dimension && c.QuarterStart >= from && c.QuarterStart < to)
                .Select(c => new { c.QuarterStart, c.Key, c.Count })
                .AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (counter.BucketOf(DateTime.SpecifyKind(row.QuarterStart, DateTimeKind.Utc)) is var index and >= 0)
                    AddRollupRow(counter, dimension, index, row.Key, row.Count);
            }
        }
    }

    /// PostgreSQL adds the quarters up per bucket itself: a year of days sends back 365 rows
    /// per key, not 35,040, each bucket a range of the rollup's key.
    private static async Task SumPerBucketAsync(HistoryDbContext db, ChangeCountDimension dimension, DateTime from, DateTime to, BucketCounter counter, CancellationToken cancellationToken)
    {
        var ranges = counter.Ranges.Select((r, i) => (Start: r.Start < from ? from : r.Start, End: r.End > to ? to : r.End, Index: i))
            .Where(r => r.Start < r.End).ToList();
        if (ranges.Count == 0)
            return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("""
                SELECT b.i, c."key", sum(c."count")::bigint
                FROM unnest($1::timestamptz[], $2::timestamptz[], $3::int[]) AS b(s, e, i)
                JOIN change_counts c ON c.dimension = $4 AND c.quarter_start >= b.s AND c.quarter_start < b.e
                GROUP BY b.i, c."key"
                """, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter { Value = ranges.Select(r => r.Start).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = ranges.Select(r => r.End).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = ranges.Select(r => r.Index).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = (short)dimension });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                AddRollupRow(counter, dimension, reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2));
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

    private sealed record EventRow(long Sequence, DateTime Timestamp, string EventType, string EntityType, string? UserName, SemanticChange SemanticChange, string? Service, bool IsBot);

    private static async Task CountEventsAsync(HistoryDbContext db, DateTime from, DateTime to, Expression<Func<ChangeEvent, bool>>? filter,
        IReadOnlyList<ChangeStatsGroup> groupBy, BucketCounter counter, CancellationToken cancellationToken)
    {
        if (from >= to)
            return;
        var events = db.ChangeEvents.AsNoTracking().Where(e => e.Timestamp >= from && e.Timestamp < to);
        if (filter is not null)
            events = events.Where(filter);
        var needService = groupBy.Contains(ChangeStatsGroup.Service);
        var needBot = groupBy.Contains(ChangeStatsGroup.IsBot);
        var categories = groupBy.Contains(ChangeStatsGroup.Category)
            ? (await db.FieldChanges.Where(f => events.Any(e => e.Sequence == f.EventSequence)).Select(f => new { f.EventSequence, f.Category }).Distinct().ToListAsync(cancellationToken))
                .ToLookup(f => f.EventSequence, f => ChangeCounting.CategoryKey(f.Category))
            : null;
        var rows = events.Select(e => new EventRow(e.Sequence, e.Timestamp, e.EventType, e.EntityType, e.UserName, e.SemanticChange,
            needService ? db.Entities.Where(t => t.EntityId == e.EntityId).Select(t => t.Service).FirstOrDefault() : null,
            needBot && db.Actors.Any(a => a.Name == e.UserName && a.IsBot))).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var index = counter.BucketOf(DateTime.SpecifyKind(row.Timestamp, DateTimeKind.Utc));
            if (index >= 0)
                counter.Count(index, new CountedEvent(row.Timestamp, row.EventType, row.EntityType, row.UserName, row.SemanticChange, row.Service, row.IsBot,
                    categories is null ? [] : categories[row.Sequence]), groupBy);
        }
    }
}
