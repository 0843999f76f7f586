namespace HistoryGraph.Execution;

/// One operation's cost as the analysis found it, for `extensions.cost`, in the terms of the IBM
/// GraphQL cost specification as Hot Chocolate reports them: `fieldCost` (every selected field
/// counts 1; a list multiplies what is below it by the page size asked for, or the expected
/// one) and `typeCost` (every object returned counts 1, scalars and enums nothing), with the
/// budget of the caller's role. Made by the transport for each request and filled by CostRule.
public sealed class OperationCost
{
    /// Where a GraphQL request's user context keeps it.
    public const string ContextKey = "HistoryGraph.OperationCost";

    /// The request header that asks for the report (`GraphQL-Cost: report`), as Hot Chocolate reads it.
    public const string Header = "GraphQL-Cost";

    public OperationCost(bool reportRequested) => ReportRequested = reportRequested;

    /// Whether the request asked for the report.
    public bool ReportRequested { get; }

    /// Whether the analysis ran (not when an earlier check refused the document).
    public bool Measured { get; private set; }

    /// Whether the operation was refused for its cost.
    public bool Refused { get; private set; }

    public double FieldCost { get; private set; }

    public double? TypeCost { get; set; }

    public int Depth { get; private set; }

    public int MaxDepth { get; private set; }

    public double MaxFieldCost { get; private set; }

    public CostMode Mode { get; private set; }

    /// Whose budget applied: "anonymous", "reader" or "admin".
    public string Budget { get; private set; } = "";

    /// The report goes in the answer when it was asked for, and with every refusal for cost.
    public bool BelongsInAnswer => Measured && (ReportRequested || Refused);

    public static bool IsRequested(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var values) && values.Any(v => string.Equals(v?.Trim(), "report", StringComparison.OrdinalIgnoreCase));

    internal void Record(double fieldCost, int depth, int maxDepth, string budget, RoleCost role, double maxFieldCost, bool refused)
    {
        (FieldCost, Depth, MaxDepth, Budget, Mode, MaxFieldCost, Refused, Measured) = (fieldCost, depth, maxDepth, budget, role.Mode, maxFieldCost, refused, true);
    }

    public Dictionary<string, object?> ToExtension() => new()
    {
        ["fieldCost"] = FieldCost,
        ["typeCost"] = TypeCost,
        ["maxFieldCost"] = MaxFieldCost,
        ["depth"] = Depth,
        ["maxDepth"] = MaxDepth,
        ["budget"] = Budget,
        ["mode"] = Mode == CostMode.Enforce ? "ENFORCE" : "MEASURE",
    };
}
