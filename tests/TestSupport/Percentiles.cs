namespace HistoryGraph.TestSupport;

/// The benchmarks' percentile: the nearest-rank value of an ascending list (NaN when empty).
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
