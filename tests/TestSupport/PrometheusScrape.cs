using System.Globalization;
using System.Text.RegularExpressions;

namespace HistoryGraph.TestSupport;

/// One scrape of a /metrics page in Prometheus' text format, read as a scraper reads it: every
/// sample's name, labels and value, and the TYPE declared for each family.
public sealed partial class PrometheusScrape
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    private PrometheusScrape(List<Sample> samples, Dictionary<string, string> types) => (Samples, Types) = (samples, types);

    public IReadOnlyList<Sample> Samples { get; }

    /// Family name to its declared type (counter, gauge, histogram).
    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlySet<string> Names => Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static async Task<PrometheusScrape> ReadAsync(HttpClient client, string path = "/metrics")
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
                continue;
            }
            if (line.Length == 0 || line[0] == '#')
                continue;
            var match = SampleLine().Match(line);
            if (!match.Success)
                throw new FormatException($"Not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Replace("\\\"", "\"").Replace("\\n", "\n").Replace("\\\\", "\\"), StringComparer.Ordinal);
            samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
        return new PrometheusScrape(samples, types);
    }

    /// The sum of the samples of `name` whose labels include all the given ones ("key=value").
    public double Sum(string name, params string[] labels) =>
        Matching(name, labels).Sum(s => s.Value);

    public IEnumerable<Sample> Matching(string name, params string[] labels)
    {
        var wanted = labels.Select(l => l.Split('=', 2)).ToList();
        return Samples.Where(s => s.Name == name && wanted.All(w => s.Labels.TryGetValue(w[0], out var v) && v == w[1]));
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
