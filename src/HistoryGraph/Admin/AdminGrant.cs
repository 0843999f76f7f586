namespace HistoryGraph.Admin;

/// What AdminAccess decided for a request, and whom it names in what the operation records
/// (the key's position in Admin:ApiKeys, never the key). Kept in the GraphQL request's user
/// context under Key for the mutations' resolvers.
public sealed record AdminGrant(AdminDecision Decision, string Who)
{
    public const string Key = "HistoryGraph.Admin";
}
