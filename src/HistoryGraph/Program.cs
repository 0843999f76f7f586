using HistoryGraph.Hosting;

if (MaintenanceCommands.IsCommand(args))
    return await MaintenanceCommands.RunAsync(args);

await HistoryGraphApp.Create(args).RunAsync();
return 0;
