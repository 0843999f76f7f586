namespace HistoryGraph.Statistics;

/// Adds events, or counts of them, into their buckets and groups.
public sealed class BucketCounter(IReadOnlyList<(DateTime Start, DateTime End)> buckets)
{
    private readonly long[] _totals = new long[buckets.Count];
    private readonly Dictionary<(int Bucket, string Keys), (IReadOnlyList<string?> Keys, long Count)> _groups = [];
    private readonly DateTime[] _starts = buckets.Select(b => b.Start).ToArray();

    public IReadOnlyList<(DateTime Start, DateTime End)> Ranges => buckets;

    /// The bucket an instant falls in, or -1 outside them all.
    public int BucketOf(DateTime utc)
    {
        var index = Array.BinarySearch(_starts, utc);
        if (index < 0)
            index = ~index - 1;
        return index >= 0 && utc < buckets[index].End ? index : -1;
    }

    /// A counter of one bucket that starts from its counts as read.
    public static BucketCounter Seeded(ChangeStatsBucket bucket)
    {
        var counter = new BucketCounter([(bucket.Start, bucket.End)]);
        counter.AddTotal(0, bucket.Count);
        foreach (var group in bucket.Groups)
            counter.AddGroup(0, group.Keys, group.Count);
        return counter;
    }

    /// One event into a bucket: its total and, grouped, each combination of its keys.
    public void Count(int bucket, CountedEvent e, IReadOnlyList<ChangeStatsGroup> groupBy)
    {
        AddTotal(bucket, 1);
        if (groupBy.Count == 0)
            return;
        IEnumerable<string?[]> combinations = [[]];
        foreach (var group in groupBy)
        {
            var values = e.KeysOf(group);
            combinations = combinations.SelectMany(c => values.Select(v => (string?[])[.. c, v])).ToList();
        }
        foreach (var keys in combinations)
            AddGroup(bucket, keys, 1);
    }

    public void AddTotal(int bucket, long count) => _totals[bucket] += count;

    public void AddGroup(int bucket, IReadOnlyList<string?> keys, long count)
    {
        var id = (bucket, string.Join("\u001f", keys.Select(k => k is null ? "\u0000" : k)));
        _groups[id] = (keys, (_groups.TryGetValue(id, out var known) ? known.Count : 0) + count);
    }

    public IReadOnlyList<ChangeStatsBucket> Results()
    {
        // A group the rollup added to and took away from as much (hours before a zone's
        // midnight) holds no event.
        var byBucket = _groups.Where(g => g.Value.Count != 0).GroupBy(g => g.Key.Bucket).ToDictionary(g => g.Key, g => g
            .OrderByDescending(x => x.Value.Count).ThenBy(x => x.Key.Keys, StringComparer.Ordinal)
            .Select(x => new ChangeStatsGroupCount(x.Value.Keys, x.Value.Count)).ToList());
        return buckets.Select((b, i) => new ChangeStatsBucket(b.Start, b.End, _totals[i], byBucket.GetValueOrDefault(i) ?? [])).ToList();
    }
}
