namespace HistoryGraph.Health;

/// `HistoryGraph probe [--path=/health/live] [--port=8080]`: asks the server running in this
/// container for a probe and exits 0 when it answers 2xx, 1 otherwise. For a container's
/// HEALTHCHECK, where the runtime image has no curl; Kubernetes asks the paths itself.
public static class ProbeCommand
{
    public const string Name = "probe";

    public static readonly string[] Options = ["path", "port"];

    public static bool Is(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args)
    {
        string? Option(string name) => args.Skip(1).Select(a => a.Split('=', 2)).FirstOrDefault(p => p[0] == "--" + name && p.Length == 2)?[1];
        var path = Option("path") ?? HealthApi.LivePath;
        // The port the server listens on, as the ASP.NET Core images set it.
        var port = Option("port") ?? Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';')[0] ?? "8080";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync($"http://127.0.0.1:{port}{path}");
            Console.WriteLine($"{path}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{path}: {ex.Message}");
            return 1;
        }
    }
}
