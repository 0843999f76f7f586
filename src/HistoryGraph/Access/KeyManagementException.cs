namespace HistoryGraph.Access;

/// A key operation that cannot be done as asked, with the code the API and the CLI report.
public sealed class KeyManagementException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
