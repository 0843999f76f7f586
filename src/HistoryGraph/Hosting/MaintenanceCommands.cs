using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Writing;

namespace HistoryGraph.Hosting;

/// `HistoryGraph migrate`, `HistoryGraph replay-rejected` and `HistoryGraph repack-payloads`:
/// run against the configured store, then exit. Anything else starts the server.
public static class MaintenanceCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args[0];
        if (command is not ("migrate" or "replay-rejected" or "repack-payloads"))
        {
            Console.Error.WriteLine($"Unknown command '{command}'. Commands: migrate, replay-rejected, repack-payloads. Without a command the server starts.");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args[1..],
            ContentRootPath = ContentRoot.For(args),
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Services.AddHistoryStore(builder.Configuration, builder.Environment.ContentRootPath);
        using var host = builder.Build();

        if (command == "migrate")
        {
            await host.Services.GetRequiredService<HistoryStoreMigrator>().MigrateAsync(CancellationToken.None);
            Console.WriteLine("The history store is up to date.");
            return 0;
        }

        await host.StartAsync();
        await host.Services.GetRequiredService<StoreReadiness>().WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        if (command == "repack-payloads")
            return await RepackAsync(host);
        var report = await host.Services.GetRequiredService<RejectedDeliveryReplayer>().ReplayAsync(CancellationToken.None);
        await host.StopAsync();
        Console.WriteLine($"Replayed {report.Replayed} rejected deliveries ({report.EventsStored} event(s) stored, {report.Duplicates} duplicate(s)); {report.StillRejected} still cannot be read.");
        return 0;
    }

    private static async Task<int> RepackAsync(IHost host)
    {
        var dictionary = await host.Services.GetRequiredService<PayloadDictionaryTrainer>().EnsureDictionaryAsync(CancellationToken.None);
        if (dictionary is null)
        {
            await host.StopAsync();
            Console.Error.WriteLine("No payload dictionary to repack with: dictionaries are switched off (Payloads:TrainDictionaries), or none could be trained on the store's events (too few, or none packed them clearly better than Brotli; the log says which).");
            return 1;
        }
        var repack = await host.Services.GetRequiredService<PayloadRepacker>().RepackAsync(CancellationToken.None);
        await host.StopAsync();
        Console.WriteLine($"Read {repack.Read} event(s): {repack.Repacked} repacked with the store's dictionary ({repack.BytesBefore} bytes before, {repack.BytesAfter} after), {repack.AlreadyCurrent} already packed with it.");
        return 0;
    }
}
