namespace HistoryGraph.Admin;

/// What AdminAccess decided for a request, and whom it names in what the operation records
/// (the key's position in Admin:ApiKeys, never the key). A GraphQL request carries it under Key
/// in its user context as a Lazy<AdminGrant>: decided only if a mutation asks, so that queries
/// pay nothing for it.
public sealed record AdminGrant(AdminDecision Decision, string Who)
{
    public const string Key = "HistoryGraph.Admin";
}
