namespace HistoryGraph.Hosting;

/// Where settings (appsettings.json) and the embedded database's relative path are found.
/// ASP.NET Core takes the working directory, which is right for `dotnet run` in the project
/// folder but wrong for `dotnet /opt/historygraph/HistoryGraph.dll` started elsewhere (by a
/// service manager, say): the settings and the log configuration would silently be missing.
/// So the working directory is used only when it holds appsettings.json; otherwise the
/// application's own folder. `--contentRoot` still decides when given.
internal static class ContentRoot
{
    public static string? For(string[] args)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)))
            return null;
        return File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) ? null : AppContext.BaseDirectory;
    }
}
