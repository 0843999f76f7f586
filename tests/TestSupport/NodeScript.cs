using System.Diagnostics;

namespace HistoryGraph.TestSupport;

/// Runs a script of tests/clients with Node.js and returns what it printed.
public static class NodeScript
{
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(RepositoryPaths.Clients, "node_modules")))
            throw new InvalidOperationException("tests/clients/node_modules is missing: run scripts/test.sh, which installs it with npm ci.");
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryPaths.Clients, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
