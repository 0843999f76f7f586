using System.Text.Json;
using System.Text.RegularExpressions;
using HistoryGraph.Health;
using HistoryGraph.TestSupport;
using HistoryGraph.Telemetry;
using YamlDotNet.RepresentationModel;

namespace HistoryGraph.Tests.Hosting;

/// The container and Kubernetes files, read as their tools read them (no engine or helm binary
/// runs here): every file parses, and every setting, port, probe path and command in them is
/// one the server has and the README documents.
public partial class DeploymentFilesTests
{
    private static string Root => RepositoryPaths.Root;
    private static string Chart => Path.Combine(Root, "deploy", "helm", "historygraph");
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));
    private static readonly string[] ProbePaths = [HealthApi.LivePath, HealthApi.ReadyPath];

    [Fact]
    public void the_dockerfile_builds_in_stages_and_runs_unprivileged_with_a_health_check()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "Dockerfile")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.True(lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2, "Not a multi-stage build.");
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        var user = lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))[5..].Trim();
        Assert.DoesNotContain(user, new[] { "root", "0" });
        Assert.Contains("COPY --from=build", string.Join('\n', lines));
        var health = string.Join(' ', lines.SkipWhile(l => !l.StartsWith("HEALTHCHECK", StringComparison.Ordinal)).Take(2));
        Assert.Contains("\"probe\"", health);
        Assert.Contains(ProbePaths, p => health.Contains(p, StringComparison.Ordinal));
        Assert.Contains("EXPOSE 8080", lines);
        foreach (var setting in EnvironmentNames(string.Join('\n', lines.Where(l => l.StartsWith("ENV", StringComparison.Ordinal) || l.Contains('=')))))
            AssertKnown(setting, "Dockerfile");
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"HistoryGraph.dll\"]", lines);
    }

    [Fact]
    public void compose_runs_postgres_with_a_volume_and_health_check_and_profiles_for_scale_and_a_standby()
    {
        var root = Load(Path.Combine(Root, "docker-compose.yml"));
        var services = (YamlMappingNode)root["services"];
        var db = (YamlMappingNode)services["db"];
        Assert.StartsWith("postgres:15", Text(db["image"]));
        Assert.True(db.Children.ContainsKey("healthcheck") && db.Children.ContainsKey("volumes"));
        foreach (var (name, service) in services.Children.Select(c => (Text(c.Key), (YamlMappingNode)c.Value)))
        {
            if (service.Children.TryGetValue(new YamlScalarNode("image"), out var image) && Text(image).StartsWith("postgres", StringComparison.Ordinal))
                Assert.False(service.Children.ContainsKey("ports"), $"{name} publishes the database's port.");
        }
        var historygraph = (YamlMappingNode)services["historygraph"];
        Assert.Equal("service_healthy", Text(((YamlMappingNode)((YamlMappingNode)historygraph["depends_on"])["db"])["condition"]));
        Assert.Equal(".env", Text(historygraph["env_file"]));
        Assert.Equal("true", Text(historygraph["read_only"]));
        Assert.Contains(ProbePaths, p => historygraph["healthcheck"].ToString().Contains(p, StringComparison.Ordinal));
        Assert.Contains("8080:8080", ((YamlSequenceNode)historygraph["ports"]).Select(Text));
        foreach (var setting in ((YamlMappingNode)historygraph["environment"]).Children.Keys.Select(Text))
            AssertKnown(setting, "docker-compose.yml");

        var profiles = services.Children.Values.Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey("profiles"))
            .SelectMany(s => ((YamlSequenceNode)s["profiles"]).Select(Text)).ToHashSet();
        Assert.Contains("scaled", profiles);
        Assert.Contains("standby", profiles);
        Assert.True(services.Children.ContainsKey("historygraph-2") && services.Children.ContainsKey("proxy") && services.Children.ContainsKey("db-standby"));
        Assert.Contains("pg_basebackup", File.ReadAllText(Path.Combine(Root, "deploy", "compose", "standby-entrypoint.sh")));
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "compose", "nginx.conf"));
        Assert.Contains("server historygraph:8080", nginx);
        Assert.Contains("server historygraph-2:8080", nginx);

        // Every file the compose file mounts is in the repository.
        foreach (var mount in services.Children.Values.Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey("volumes"))
                     .SelectMany(s => ((YamlSequenceNode)s["volumes"]).Select(Text)).Where(v => v.StartsWith("./", StringComparison.Ordinal)))
            Assert.True(File.Exists(Path.Combine(Root, mount[2..mount.IndexOf(':', StringComparison.Ordinal)])), $"{mount} is not in the repository.");

        // .env.example names only settings the server reads (and the compose file's own variables).
        foreach (var line in File.ReadAllLines(Path.Combine(Root, ".env.example")).Select(l => l.TrimStart('#', ' ')).Where(l => Regex.IsMatch(l, @"^[A-Za-z_]+(__\w+)*=")))
        {
            var name = line[..line.IndexOf('=', StringComparison.Ordinal)];
            if (name is not ("POSTGRES_PASSWORD" or "HISTORY_DB_HOSTS"))
                AssertKnown(name, ".env.example");
        }
    }

    [Fact]
    public void the_chart_has_its_objects_a_restricted_pod_and_values_its_schema_describes()
    {
        var chart = Load(Path.Combine(Chart, "Chart.yaml"));
        Assert.Equal("v2", Text(chart["apiVersion"]));
        Assert.Equal(ServerVersion.Current, Text(chart["appVersion"]));

        var templates = Directory.GetFiles(Path.Combine(Chart, "templates"), "*.yaml").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        var kinds = templates.Values.SelectMany(t => KindLine().Matches(t).Select(m => m.Groups[1].Value)).ToHashSet();
        foreach (var kind in new[] { "Deployment", "Service", "ServiceMonitor", "PodDisruptionBudget", "NetworkPolicy", "PrometheusRule" })
            Assert.Contains(kind, kinds);

        var deployment = templates["deployment.yaml"];
        foreach (var required in new[] { "runAsNonRoot: true", "readOnlyRootFilesystem: true", "allowPrivilegeEscalation: false", "drop: [\"ALL\"]", "type: RuntimeDefault",
                     $"path: {HealthApi.LivePath}", $"path: {HealthApi.ReadyPath}", "containerPort: 8080", "terminationGracePeriodSeconds:" })
            Assert.Contains(required, deployment);
        foreach (var path in Regex.Matches(deployment, @"path: (\S+)").Select(m => m.Groups[1].Value))
            Assert.Contains(path, ProbePaths);
        var env = deployment[deployment.IndexOf("env:", StringComparison.Ordinal)..deployment.IndexOf("startupProbe:", StringComparison.Ordinal)];
        foreach (var setting in Regex.Matches(env, @"- name: ([A-Za-z_]+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value))
            AssertKnown(setting, "deployment.yaml");
        Assert.Contains($"path: {MetricsApi.Path}", templates["servicemonitor.yaml"]);
        // The chart ships the repository's alert rules, unchanged.
        Assert.Equal(File.ReadAllText(MonitoringFiles.AlertRules), File.ReadAllText(Path.Combine(Chart, "files", "historygraph-alerts.yml")));

        // Every value a template reads is in values.yaml, and the schema describes each value.
        var values = Load(Path.Combine(Chart, "values.yaml"));
        foreach (var reference in templates.Values.SelectMany(t => ValuesReference().Matches(t).Select(m => m.Groups[1].Value)).Distinct())
            Assert.True(Find(values, reference) is not null, $".Values.{reference} is not in values.yaml.");
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Chart, "values.schema.json")));
        AssertDescribed(values, schema.RootElement, "");
    }

    private static void AssertDescribed(YamlNode value, JsonElement schema, string path)
    {
        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!]
            : [];
        switch (value)
        {
            case YamlMappingNode map:
                Assert.True(types.Contains("object"), $"{path} is a map; the schema says {string.Join('/', types)}.");
                if (!schema.TryGetProperty("properties", out var properties))
                    return; // a free-form map
                foreach (var (key, child) in map.Children.Select(c => (Text(c.Key), c.Value)))
                {
                    Assert.True(properties.TryGetProperty(key, out var described), $"{path}.{key} is not in values.schema.json.");
                    AssertDescribed(child, described, $"{path}.{key}");
                }
                foreach (var required in schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [])
                    Assert.True(map.Children.ContainsKey(required), $"{path}.{required} is required by the schema but not in values.yaml.");
                break;
            case YamlSequenceNode:
                Assert.True(types.Contains("array"), $"{path} is a list; the schema says {string.Join('/', types)}.");
                break;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                var kind = scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted ? "string"
                    : text is "true" or "false" ? "boolean"
                    : long.TryParse(text, out _) ? "integer"
                    : double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _) ? "number" : "string";
                Assert.True(types.Contains(kind) || (kind == "integer" && types.Contains("number")), $"{path} is {kind}; the schema says {string.Join('/', types)}.");
                if (schema.TryGetProperty("enum", out var allowed))
                    Assert.Contains(text, allowed.EnumerateArray().Select(e => e.GetString()));
                break;
        }
    }

    private static void AssertKnown(string setting, string file)
    {
        Assert.True(KnownSettings.IsKnown(setting), $"{file} sets {setting}, which the server does not read.");
        if (!setting.StartsWith("ASPNETCORE_", StringComparison.Ordinal) && !setting.StartsWith("DOTNET_", StringComparison.Ordinal))
            Assert.True(Readme.Contains(KnownSettings.Documented(setting), StringComparison.Ordinal), $"{file} sets {setting}; the README does not mention {KnownSettings.Documented(setting)}.");
    }

    private static IEnumerable<string> EnvironmentNames(string text) =>
        Regex.Matches(text, @"\b([A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+|ASPNETCORE_[A-Z_]+|DOTNET_[A-Za-z_]+)=").Select(m => m.Groups[1].Value).Distinct();

    private static YamlMappingNode Load(string file)
    {
        // Merge keys (`<<: *anchor`) resolved, as docker compose resolves them.
        var stream = new YamlStream();
        stream.Load(new YamlDotNet.Core.MergingParser(new YamlDotNet.Core.Parser(new StringReader(File.ReadAllText(file)))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode? Find(YamlMappingNode root, string dotted)
    {
        YamlNode? node = root;
        foreach (var part in dotted.Split('.'))
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(part), out var child) ? child : null;
        return node;
    }

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    [GeneratedRegex(@"^kind: (\w+)", RegexOptions.Multiline)]
    private static partial Regex KindLine();

    [GeneratedRegex(@"\.Values\.([A-Za-z0-9_.]+)")]
    private static partial Regex ValuesReference();
}
