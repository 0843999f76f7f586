namespace HistoryGraph.Execution;

/// What happens to an operation that costs more than its caller's role allows.
public enum CostMode
{
    /// Refused before it runs (COMPLEXITY).
    Enforce,

    /// Run anyway; the cost is reported (`GraphQL-Cost: report`) and logged, so that a budget
    /// can be chosen from what clients really send before it is enforced.
    Measure,
}
