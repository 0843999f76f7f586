using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Writing;

namespace HistoryGraph.Hosting;

/// `HistoryGraph migrate` and `HistoryGraph replay-rejected`: run against the configured
/// store, then exit. Anything else starts the server.
public static class MaintenanceCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args[0];
        if (command is not ("migrate" or "replay-rejected"))
        {
            Console.Error.WriteLine($"Unknown command '{command}'. Commands: migrate, replay-rejected. Without a command the server starts.");
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
        var report = await host.Services.GetRequiredService<RejectedDeliveryReplayer>().ReplayAsync(CancellationToken.None);
        await host.StopAsync();
        Console.WriteLine($"Replayed {report.Replayed} rejected deliveries ({report.EventsStored} event(s) stored, {report.Duplicates} duplicate(s)); {report.StillRejected} still cannot be read.");
        return 0;
    }
}
