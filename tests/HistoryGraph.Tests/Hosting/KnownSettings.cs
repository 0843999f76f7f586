using System.Collections;
using System.Reflection;
using HistoryGraph.Health;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Tests.Hosting;

/// Whether a setting's key (`Section:Key` or `Section__Key`, list indexes as numbers) is one the
/// server reads: found by walking its options classes (each has a `Section` constant) from the
/// section down the properties. What deployment files set must be among them.
public static class KnownSettings
{
    private static readonly Dictionary<string, Type> Sections = typeof(HealthApi).Assembly.GetTypes().Concat(typeof(StorageOptions).Assembly.GetTypes())
        .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
        .Where(s => s.Field is { IsLiteral: true } && s.Type.Name.EndsWith("Options", StringComparison.Ordinal))
        .GroupBy(s => (string)s.Field!.GetRawConstantValue()!, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Type, StringComparer.OrdinalIgnoreCase);

    /// Keys read outside options classes: the connection string, the admin keys (read as the
    /// original tracker named them, AccessOptions.Bind), the logging library's own settings,
    /// and the runtime's and OpenTelemetry's environment variables.
    private static readonly string[] OtherRoots = ["ConnectionStrings:History", "Admin:ApiKeys:", "Serilog:", "ASPNETCORE_", "DOTNET_", "OTEL_"];

    public static bool IsKnown(string key)
    {
        key = key.Replace("__", ":", StringComparison.Ordinal);
        if (OtherRoots.Any(root => key.StartsWith(root, StringComparison.OrdinalIgnoreCase)))
            return true;
        var section = Sections.Keys.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
        if (section is null)
            return false;
        var type = Sections[section];
        foreach (var segment in key[(section.Length + 1)..].Split(':'))
        {
            if (int.TryParse(segment, out _) && ElementOf(type) is { } element)
            {
                type = element;
                continue;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                type = type.GetGenericArguments()[1];
                continue;
            }
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
                return false;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return true;
    }

    /// The key as the README and docs write it: `Section:Key`, without list indexes.
    public static string Documented(string key) =>
        string.Join(':', key.Replace("__", ":", StringComparison.Ordinal).Split(':').Where(s => !int.TryParse(s, out _)));

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;
}
