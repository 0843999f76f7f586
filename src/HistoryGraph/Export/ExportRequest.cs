using System.Globalization;
using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Text;
using HistoryGraph.Time;

namespace HistoryGraph.Export;

/// What an export holds: the field changes whose event falls in [From, To) and that match every
/// filter given. The same parameters over HTTP (`/export?...`) and on the command line
/// (`export --from=...`).
public sealed record ExportRequest(ExportFormat Format, DateTime? From, DateTime? To, string? EntityType, string? FqnPrefix, string? User,
    string? EventType, FieldCategory? Category, bool Bom)
{
    public static readonly string[] Parameters = ["format", "from", "to", "entityType", "fqnPrefix", "user", "eventType", "category", "bom"];

    /// Reads the parameters by name; throws ExportArgumentException with what is wrong.
    public static ExportRequest Parse(Func<string, string?> parameter)
    {
        string? Text(string name)
        {
            var value = parameter(name);
            if (value is not null && StrictText.StringProblem(value) is { } problem)
                throw new ExportArgumentException($"{name} {problem}");
            return string.IsNullOrEmpty(value) ? null : value;
        }

        var format = Text("format")?.ToLowerInvariant() switch
        {
            null or "csv" => ExportFormat.Csv,
            "ndjson" => ExportFormat.Ndjson,
            var other => throw new ExportArgumentException($"format must be csv or ndjson; got '{StrictText.ForLog(other, 20)}'."),
        };
        var from = Instant(Text("from"), "from");
        var to = Instant(Text("to"), "to");
        if (from is not null && to is not null && from >= to)
            throw new ExportArgumentException("from must be before to.");
        FieldCategory? category = Text("category") is { } name
            ? Enum.GetValues<FieldCategory>().Cast<FieldCategory?>().FirstOrDefault(c => ChangeCounting.CategoryKey(c!.Value) == name.ToUpperInvariant())
                ?? throw new ExportArgumentException($"category must be one of {string.Join(", ", Enum.GetValues<FieldCategory>().Select(ChangeCounting.CategoryKey))}.")
            : null;
        var bom = Text("bom")?.ToLowerInvariant() switch
        {
            null or "false" or "0" => false,
            "true" or "1" => true,
            _ => throw new ExportArgumentException("bom must be true or false."),
        };
        return new ExportRequest(format, from, to, Text("entityType"), Text("fqnPrefix"), Text("user"), Text("eventType"), category, bom);
    }

    /// A name for the file: what it holds and the window.
    public string FileName
    {
        get
        {
            static string Day(DateTime t) => t.ToString("yyyy-MM-ddTHHmmssZ", CultureInfo.InvariantCulture);
            var window = (From, To) switch
            {
                (null, null) => "",
                _ => $"-{(From is { } f ? Day(f) : "start")}-{(To is { } t ? Day(t) : "now")}",
            };
            return $"historygraph-field-changes{window}.{(Format == ExportFormat.Csv ? "csv" : "ndjson")}";
        }
    }

    private static DateTime? Instant(string? text, string name)
    {
        if (text is null)
            return null;
        if (Instants.TryParse(text, out var instant))
            return instant;
        throw new ExportArgumentException($"{name} must be {Instants.Expected}.");
    }
}
