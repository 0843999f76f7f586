using System.Reflection;

namespace HistoryGraph.Health;

/// The release this server is (Directory.Build.props' Version), without the commit the build
/// appends to the informational version.
public static class ServerVersion
{
    public static string Current { get; } =
        (typeof(ServerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
