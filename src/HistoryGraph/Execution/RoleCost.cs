namespace HistoryGraph.Execution;

/// The cost budget of one kind of caller (GraphQL:Cost:Anonymous, :Reader, :Admin).
public sealed class RoleCost
{
    public CostMode Mode { get; set; } = CostMode.Enforce;

    /// The highest field cost an operation may have; unset: GraphQL:MaxComplexity.
    public int? MaxFieldCost { get; set; }
}
