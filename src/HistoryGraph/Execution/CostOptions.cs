namespace HistoryGraph.Execution;

/// Cost budgets by who asks: callers that presented nothing, reader keys and tokens, admin keys
/// and tokens. A caller with several roles gets the most generous of them.
public sealed class CostOptions
{
    public const string Section = "GraphQL:Cost";

    public RoleCost Anonymous { get; set; } = new();

    public RoleCost Reader { get; set; } = new();

    public RoleCost Admin { get; set; } = new();
}
