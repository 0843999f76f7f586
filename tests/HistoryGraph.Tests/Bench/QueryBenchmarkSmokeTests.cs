using System.Diagnostics;
using System.Text.RegularExpressions;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Bench;

/// The query benchmark in its smoke mode, so that it cannot rot: a few thousand generated
/// events sent as signed webhooks, PostGraphile started on the same database, every question
/// answered alike by HistoryGraph (anonymously, with a reader key, with a reader token from an
/// issuer), PostGraphile and SQL (row for row in number), one short measure each. Nothing about speed is asserted here; bench/README.md records the figures.
public partial class QueryBenchmarkSmokeTests
{
    [Fact]
    public async Task the_query_benchmark_loads_its_history_and_all_three_answer_every_question_alike()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var bench = Path.Combine(RepositoryPaths.Root, "bench", "Queries", "bin", configuration, "net10.0", "HistoryGraph.Bench.Queries.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in new[] { bench, "--smoke", "--callers", "key,token", "--server", ServerProcess.BuiltDll() })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await output;
        Assert.True(process.ExitCode == 0, $"{printed}\n{await errors}");

        Assert.Contains("stored: 3,000 events", printed);
        // Rows in each system's answer: HistoryGraph anonymous, with a key, with a token, then the peer and the floor.
        var answers = RowsLine().Matches(printed).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["counts"].Value.Split(" / ").Select(int.Parse).ToArray());
        Assert.Equal(["typename", "a", "a-1", "b-schema", "b-schema-1", "b-database", "b-database-1", "b-service", "b-service-1", "b-deep-1", "c", "c-1", "d", "d-1"],
            answers.Where(a => a.Value.Length == 5).Select(a => a.Key));
        Assert.All(answers, a => Assert.True(a.Value.Length >= 3 && a.Value.Distinct().Count() == 1, a.Key));
        // The generated history reaches every question: each has rows to return.
        Assert.All(answers.Where(a => a.Value.Length == 5 && a.Key is not ("b-schema" or "b-schema-1")), a => Assert.True(a.Value[0] > 0, a.Key));
        // Each question once per system that answers it: the history answers (e-h) have HistoryGraph alone, three ways.
        var historyAnswers = answers.Count(a => a.Value.Length == 3);
        Assert.Equal(14 * 5 + historyAnswers * 3, Regex.Matches(printed, @"^run 1 ", RegexOptions.Multiline).Count);
    }

    [GeneratedRegex(@"^(?<name>[\w-]+)\s+rows: (?<counts>\d+( / \d+)*)$", RegexOptions.Multiline)]
    private static partial Regex RowsLine();
}
