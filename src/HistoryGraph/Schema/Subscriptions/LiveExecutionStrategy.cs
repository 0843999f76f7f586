using GraphQL.Execution;
using HistoryGraph.Live;
using HistoryGraph.Loading;

namespace HistoryGraph.Schema.Subscriptions;

/// Executes each event of a subscription in its own service scope (a subscription outlives
/// the scope it started in), with the request's batch loaders primed from the feed event:
/// the event's user, entity, field changes and deletion resolve from memory.
public sealed class LiveExecutionStrategy(IServiceScopeFactory scopes) : SubscriptionExecutionStrategy
{
    protected override async ValueTask<GraphQL.ExecutionResult> ProcessDataAsync(GraphQL.Execution.ExecutionContext context, ExecutionNode node, object? value)
    {
        await using var scope = scopes.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        if (value is LiveItem item)
        {
            var loaders = scope.ServiceProvider.GetRequiredService<HistoryLoaders>();
            var e = item.Event;
            loaders.FieldChangesOfEvents.Prime(e.Sequence, e.FieldChanges);
            loaders.Events.Prime(e.Sequence, e.Event);
            loaders.Entities.Prime(e.Event.EntityId, e.Entity);
            if (e.Event.UserName is { } name)
                loaders.Users.Prime(name, e.User);
            if (e.Deletion is { } deletion)
                loaders.LatestDeletions.Prime(deletion.EntityId, deletion);
            value = item.Row;
        }
        return await base.ProcessDataAsync(context, node, value);
    }
}
