using System.Text;

namespace HistoryGraph.Ingestion.OpenMetadata;

/// OpenMetadata field names and fully qualified names are parts joined with '.', where a part
/// that itself contains '.' is wrapped in double quotes: `columns."a.b".description`.
/// Never split on '.' alone.
public static class FieldPath
{
    public static IReadOnlyList<string> Split(string path)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in path)
        {
            if (c == '"')
                quoted = !quoted;
            else if (c == '.' && !quoted)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }
        parts.Add(current.ToString());
        return parts;
    }

    public static string Join(IEnumerable<string> parts) => string.Join('.', parts.Select(Quote));

    public static string Append(string path, string part) => path.Length == 0 ? Quote(part) : path + "." + Quote(part);

    public static string Quote(string part) => part.Contains('.') ? $"\"{part}\"" : part;
}
