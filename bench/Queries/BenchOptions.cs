using System.Globalization;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Bench.Queries;

/// The command line: sizes and durations, or --smoke for the test suite's quick pass.
public sealed record BenchOptions(int Events, int Runs, double Seconds, double Warmup, int DeepPage, int Sets, string ServerDll, string? ResultsFolder)
{
    /// Only these questions (--only a,b-deep-1), for profiling one of them.
    public IReadOnlyList<string>? Only { get; init; }

    /// How many days the generated history spans (--days; 180 unless asked): a longer one is
    /// sparser per quarter hour, as a catalog's history of several years is.
    public int Days { get; init; } = 180;

    /// A database an earlier run loaded with the same --events and --days (--database), on the
    /// server HISTORYGRAPH_TEST_POSTGRES names: measured without loading it again.
    public string? Database { get; init; }

    /// Who else asks HistoryGraph each question (--callers key,token): a reader key, a reader
    /// token from an OpenID Connect issuer started by the benchmark; anonymous always.
    public IReadOnlyList<string> Callers { get; init; } = [];

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var smoke = args.Contains("--smoke");
        var only = Value("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var callers = Value("--callers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (callers.Except(["key", "token"]).FirstOrDefault() is { } unknown)
            throw new ArgumentException($"--callers takes key and token, not {unknown}.");
        var dll = Value("--server") ?? Path.Combine(RepositoryPaths.Root, "src", "HistoryGraph", "bin", "Release", "net10.0", "HistoryGraph.dll");
        if (smoke)
            return new BenchOptions(int.Parse(Value("--events") ?? "3000", CultureInfo.InvariantCulture), 1, 1, 0.5, 3, 5, dll, Value("--results")) { Only = only, Callers = callers };
        return new BenchOptions(
            int.Parse(Value("--events") ?? "100000", CultureInfo.InvariantCulture),
            int.Parse(Value("--runs") ?? "3", CultureInfo.InvariantCulture),
            double.Parse(Value("--seconds") ?? "8", CultureInfo.InvariantCulture),
            2, 100, 200, dll,
            Value("--results") ?? Path.Combine(RepositoryPaths.Root, "bench", "results")) { Only = only, Days = int.Parse(Value("--days") ?? "180", CultureInfo.InvariantCulture), Database = Value("--database"), Callers = callers };
    }
}
