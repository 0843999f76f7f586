using HistoryGraph.Health;
using HistoryGraph.Hosting;

if (args is ["--version"])
{
    Console.WriteLine($"HistoryGraph {ServerVersion.Current}");
    return 0;
}
if (MaintenanceCommands.IsCommand(args))
    return await MaintenanceCommands.RunAsync(args);

await HistoryGraphApp.Create(args).RunAsync();
return 0;
