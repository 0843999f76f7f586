using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace HistoryGraph.Export;

/// `HistoryGraph export --format=csv --output=changes.csv [--from=... --to=... --entityType=...
/// --fqnPrefix=... --user=... --eventType=... --category=... --bom=true]`: the same export as
/// GET /export, written to a file (`--output=-`: standard output), with a progress bar on a terminal.
public static class ExportCommand
{
    public const string Name = "export";

    /// The options this command takes; configuration keys (with a `:`) pass through to the host.
    public static IEnumerable<string> Options => [.. ExportRequest.Parameters, "output"];

    public static async Task<int> RunAsync(IHost host, IConfiguration configuration)
    {
        ExportRequest request;
        try
        {
            request = ExportRequest.Parse(name => configuration[name]);
        }
        catch (ExportArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        var contexts = host.Services.GetRequiredService<IDbContextFactory<HistoryDbContext>>();
        var path = configuration["output"] is { Length: > 0 } given ? given : request.FileName;
        if (path == "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            await FieldChangeExport.WriteAsync(contexts, request, stdout, null, CancellationToken.None);
            return 0;
        }

        long rows;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            if (Console.IsErrorRedirected || Console.IsOutputRedirected)
                rows = await FieldChangeExport.WriteAsync(contexts, request, file, null, CancellationToken.None);
            else
            {
                var total = await FieldChangeExport.CountAsync(contexts, request, CancellationToken.None);
                rows = await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Exporting field changes", maxValue: Math.Max(1, total));
                    return await FieldChangeExport.WriteAsync(contexts, request, file, written => task.Value = written, CancellationToken.None);
                });
            }
        }
        Console.WriteLine($"Exported {rows} field change(s) to {Path.GetFullPath(path)}.");
        return 0;
    }
}
