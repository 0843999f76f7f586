using System.Text.Json;
using System.Text.RegularExpressions;
using HistoryGraph.TestSupport;
using YamlDotNet.RepresentationModel;

namespace HistoryGraph.Tests.Hosting;

/// The metric names in the repository's monitoring files: the Grafana dashboard's queries and
/// the Prometheus alert rules' expressions (also those the Helm chart ships).
public static partial class MonitoringFiles
{
    public static string Dashboard => Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "historygraph.json");

    public static string AlertRules => Path.Combine(RepositoryPaths.Root, "deploy", "prometheus", "historygraph-alerts.yml");

    public static IReadOnlyList<(string Metric, string File)> MetricNames()
    {
        var names = new List<(string, string)>();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        foreach (var expression in Expressions(dashboard.RootElement))
            names.AddRange(Metrics(expression).Select(m => (m, "historygraph.json")));
        foreach (var expression in RuleExpressions(File.ReadAllText(AlertRules)))
            names.AddRange(Metrics(expression).Select(m => (m, "historygraph-alerts.yml")));
        return names.Distinct().ToList();
    }

    /// Every `expr` of a Prometheus rule file.
    public static IEnumerable<string> RuleExpressions(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var groups = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["groups"];
        foreach (var group in groups.Cast<YamlMappingNode>())
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
                yield return ((YamlScalarNode)rule["expr"]).Value!;
    }

    private static IEnumerable<string> Expressions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                    yield return property.Value.GetString()!;
                else if (property.Name == "query" && property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("query", out var query))
                    yield return query.GetString()!;
                else
                    foreach (var inner in Expressions(property.Value))
                        yield return inner;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                foreach (var inner in Expressions(item))
                    yield return inner;
        }
    }

    private static readonly HashSet<string> Keywords =
    [
        "sum", "min", "max", "avg", "count", "rate", "irate", "increase", "by", "without", "on", "ignoring", "group_left", "group_right",
        "and", "or", "unless", "bool", "offset", "histogram_quantile", "clamp_min", "clamp_max", "label_values", "topk", "bottomk", "absent",
    ];

    /// The metric names of a PromQL expression: identifiers that are not functions, keywords,
    /// label names (in braces or grouping clauses) or Grafana variables.
    public static IEnumerable<string> Metrics(string expression)
    {
        var text = LabelValues().Replace(expression, "$1");
        text = Braces().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = Variables().Replace(text, " ");
        return Identifiers().Matches(text).Select(m => m.Value).Where(name => !Keywords.Contains(name)).Distinct();
    }

    [GeneratedRegex(@"label_values\(([^,]+),\s*\w+\)")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex Variables();

    [GeneratedRegex(@"(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*\b(?!\s*\()")]
    private static partial Regex Identifiers();
}
