using HistoryGraph.Schema.Subscriptions;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema;

public sealed class HistorySchema : GraphQL.Types.Schema
{
    public HistorySchema(IServiceProvider services, QueryGraphType query, MutationGraphType mutation, SubscriptionGraphType subscription) : base(services)
    {
        Description = "HistoryGraph: the permanent, queryable change history of an OpenMetadata catalog.";
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        // Hot Chocolate's scalar names, so that its clients and tools feel at home.
        RegisterTypeMapping(typeof(Guid), typeof(UuidGraphType));
        RegisterType(typeof(JsonGraphType));
    }
}
