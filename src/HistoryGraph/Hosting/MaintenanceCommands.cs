using HistoryGraph.Access;
using HistoryGraph.Backfill;
using HistoryGraph.Export;
using HistoryGraph.Health;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Writing;
using HistoryGraph.Retention;
using HistoryGraph.Transparency;

namespace HistoryGraph.Hosting;

/// `HistoryGraph migrate`, `replay-rejected`, `repack-payloads`, `export`, `bundle`, `verify`, `backfill`, `purge`, `keys` and `probe`:
/// run against the configured store, then exit (`log-key` and `verify --bundle` need no store). Anything else starts the server. Options are configuration
/// (`--Storage:Provider=...`), and a command's own options plain names (`--format=csv`).
public static class MaintenanceCommands
{
    /// Each command and the options of its own (configuration keys, with a `:`, pass through).
    private static readonly Dictionary<string, IEnumerable<string>> OwnOptions = new()
    {
        ["migrate"] = [],
        ["replay-rejected"] = [],
        ["repack-payloads"] = [],
        [ExportCommand.Name] = ExportCommand.Options,
        [BundleCommand.Name] = BundleCommand.Options,
        [VerifyCommand.Name] = VerifyCommand.Options,
        [LogKeyCommand.Name] = ["name"],
        [BackfillCommand.Name] = BackfillCommand.Options,
        [PurgeCommand.Name] = PurgeCommand.Options,
        [KeysCommand.Name] = KeysCommand.Options,
        [ProbeCommand.Name] = ProbeCommand.Options,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args[0];
        if (!OwnOptions.TryGetValue(command, out var options))
        {
            Console.Error.WriteLine($"Unknown command '{command}'. Commands: {string.Join(", ", OwnOptions.Keys)}. Without a command the server starts.");
            return 2;
        }
        var own = options.ToList();
        if (LogKeyCommand.Is(args))
            return LogKeyCommand.Run(args);
        if (ProbeCommand.Is(args))
            return await ProbeCommand.RunAsync(args);
        if (VerifyCommand.IsBundleCheck(args))
            return await VerifyCommand.RunBundleAsync(args);
        if (args[1..].Select(OptionName).OfType<string>().FirstOrDefault(name => !name.Contains(':') && !own.Contains(name, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option '--{unknown}' for {command}." + (own.Count > 0 ? $" Its options: {string.Join(", ", own.Select(o => "--" + o))}." : "") +
                " Settings are given as --Section:Key=value.");
            return 2;
        }

        // Words before the first option (`keys revoke <id>`) are the command's, not settings.
        var words = args[1..].TakeWhile(a => !a.StartsWith('-')).ToList();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args[(1 + words.Count)..],
            ContentRootPath = ContentRoot.For(args),
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        // A command's standard output is its answer (a new key, an export with --output=-): the
        // log goes to standard error.
        builder.Configuration.AddInMemoryCollection([new("Serilog:WriteTo:0:Args:standardErrorFromLevel", "Verbose")]);
        builder.Services.AddHistoryStore(builder.Configuration, builder.Environment.ContentRootPath);
        if (command == KeysCommand.Name)
            builder.Services.AddAccess(builder.Configuration);
        else if (words.Count > 0)
        {
            Console.Error.WriteLine($"Unexpected argument '{words[0]}' for {command}. Settings are given as --Section:Key=value.");
            return 2;
        }
        using var host = builder.Build();

        if (command == "migrate")
        {
            try
            {
                await host.Services.GetRequiredService<HistoryStoreMigrator>().MigrateAsync(CancellationToken.None);
            }
            catch (StoreFromOtherReleaseException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
            Console.WriteLine("The history store is up to date.");
            return 0;
        }

        await host.StartAsync();
        await host.Services.GetRequiredService<StoreReadiness>().WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        if (command == "repack-payloads")
            return await RepackAsync(host);
        if (command == KeysCommand.Name)
        {
            var exitCode = await KeysCommand.RunAsync(host, builder.Configuration, words);
            await host.StopAsync();
            return exitCode;
        }
        if (command is ExportCommand.Name or BundleCommand.Name or VerifyCommand.Name or BackfillCommand.Name or PurgeCommand.Name)
        {
            var exitCode = command switch
            {
                ExportCommand.Name => await ExportCommand.RunAsync(host, builder.Configuration),
                BundleCommand.Name => await BundleCommand.RunAsync(host, builder.Configuration),
                VerifyCommand.Name => await VerifyCommand.RunAsync(host, builder.Configuration),
                BackfillCommand.Name => await BackfillCommand.RunAsync(host, builder.Configuration),
                _ => await PurgeCommand.RunAsync(host, builder.Configuration),
            };
            await host.StopAsync();
            return exitCode;
        }
        var report = await host.Services.GetRequiredService<RejectedDeliveryReplayer>().ReplayAsync(CancellationToken.None);
        await host.StopAsync();
        Console.WriteLine($"Replayed {report.Replayed} rejected deliveries ({report.EventsStored} event(s) stored, {report.Duplicates} duplicate(s)); {report.StillRejected} still cannot be read.");
        return 0;
    }

    /// The name of a `--name=value` or `--name value` argument; null for values.
    private static string? OptionName(string arg) => arg.StartsWith("--") && arg.Length > 2 ? arg[2..].Split('=', 2)[0] : null;

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
