namespace HistoryGraph.Admin;

/// Settings of admin operations (section "Admin"): exports, restores, backfills and purges.
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// Keys that admin requests must present (`X-Api-Key` or `Authorization: Bearer`). None:
    /// admin operations are refused, except in the Development environment.
    public List<string> ApiKeys { get; set; } = [];
}
