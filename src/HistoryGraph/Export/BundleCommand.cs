using Spectre.Console;

namespace HistoryGraph.Export;

/// `HistoryGraph bundle --output=bundle.ndjson [--from=... --to=... --entityType=... --fqnPrefix=...
/// --user=... --eventType=...]`: the log bundle of GET /export?format=ndjson&proofs=true, written to
/// a file (`--output=-`: standard output).
public static class BundleCommand
{
    public const string Name = "bundle";

    public static IEnumerable<string> Options => ["from", "to", "entityType", "fqnPrefix", "user", "eventType", "output"];

    public static async Task<int> RunAsync(IHost host, IConfiguration configuration)
    {
        ExportRequest request;
        try
        {
            request = ExportRequest.Parse(name => name == "format" ? "ndjson" : configuration[name]);
        }
        catch (ExportArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        var bundle = host.Services.GetRequiredService<EventBundle>();
        var path = configuration["output"] is { Length: > 0 } given ? given : "historygraph-log-bundle.ndjson";
        if (path == "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            await bundle.WriteAsync(request, stdout, null, CancellationToken.None);
            return 0;
        }
        long events;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            if (Console.IsErrorRedirected || Console.IsOutputRedirected)
                events = await bundle.WriteAsync(request, file, null, CancellationToken.None);
            else
            {
                var total = await bundle.CountAsync(request, CancellationToken.None);
                events = await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Bundling events with their proofs", maxValue: Math.Max(1, total));
                    return await bundle.WriteAsync(request, file, written => task.Value = written, CancellationToken.None);
                });
            }
        }
        Console.WriteLine($"Bundled {events} event(s) with their proofs to {Path.GetFullPath(path)}.");
        return 0;
    }
}
