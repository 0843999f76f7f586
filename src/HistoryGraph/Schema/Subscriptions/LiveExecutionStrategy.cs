using GraphQL;
using GraphQL.Execution;
using HistoryGraph.Live;
using HistoryGraph.Loading;
using HistoryGraph.Statistics;

namespace HistoryGraph.Schema.Subscriptions;

/// Turns a live subscription into a stream of results with as little work per subscriber as
/// possible. GraphQL.NET's own streams execute the selection for every subscriber and event;
/// here subscribers with the same selection share one execution and one serialization per
/// event (SharedResults), and a subscriber gets it directly, in order, from the feed's
/// fan-out pass or its own pump. An execution runs in its own service scope (a subscription
/// outlives the scope it started in), with the batch loaders primed from the feed event, so
/// that the event's user, entity, field changes and deletion resolve from memory.
public sealed class LiveExecutionStrategy(IServiceScopeFactory scopes, IGraphQLTextSerializer serializer) : SubscriptionExecutionStrategy
{
    protected override async Task<IObservable<ExecutionResult>?> ResolveResponseStreamAsync(GraphQL.Execution.ExecutionContext context, ExecutionNode node)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        IObservable<object?> source;
        try
        {
            source = await node.FieldDefinition!.StreamResolver!.ResolveAsync(new ReadonlyResolveFieldContext(node, context));
        }
        catch (ExecutionError error)
        {
            error.Path = node.ResponsePath;
            error.AddLocation(node.Field, context.Document);
            context.Errors.Add(error);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = await HandleExceptionAsync(context, node, ex, $"Could not subscribe to field '{node.Field.Name}'.");
            error.Path = node.ResponsePath;
            error.AddLocation(node.Field, context.Document);
            context.Errors.Add(error);
            return null;
        }
        var key = context.UserContext.TryGetValue(SubscriberFlow.Key, out var flow) && flow is SubscriberFlow { ResultKey: var k } ? k : Guid.NewGuid().ToString();
        return source switch
        {
            LiveSubscription events => events.Render(item => item.Event.Results.GetAsync(key, () => ExecuteAsync(context, node, item))),
            ChangeStatsSubscription statistics => statistics.Render(update => update.Results.GetAsync(key, () => ExecuteAsync(context, node, update.Bucket))),
            _ => throw new InvalidOperationException($"Subscription field '{node.Field.Name}' streams {source.GetType().Name}, which is not live."),
        };
    }

    private async Task<ExecutionResult> ExecuteAsync(GraphQL.Execution.ExecutionContext context, ExecutionNode node, LiveItem item)
    {
        // Computed for everyone: no one subscriber's cancellation may cut it short.
        using var child = CloneExecutionContext(context, CancellationToken.None);
        await using var scope = scopes.CreateAsyncScope();
        child.RequestServices = scope.ServiceProvider;
        var loaders = scope.ServiceProvider.GetRequiredService<HistoryLoaders>();
        var e = item.Event;
        loaders.FieldChangesOfEvents.Prime(e.Sequence, e.FieldChanges);
        loaders.Events.Prime(e.Sequence, e.Event);
        loaders.KnowPayload(e.Sequence, e.Event.Payload);
        loaders.Entities.Prime(e.Event.EntityId, e.Entity);
        if (e.Event.UserName is { } name)
            loaders.Users.Prime(name, e.User);
        if (e.Deletion is { } deletion)
            loaders.LatestDeletions.Prime(deletion.EntityId, deletion);
        return await RenderAsync(child, node, item.Row);
    }

    private async Task<ExecutionResult> ExecuteAsync(GraphQL.Execution.ExecutionContext context, ExecutionNode node, ChangeStatsBucket bucket)
    {
        using var child = CloneExecutionContext(context, CancellationToken.None);
        return await RenderAsync(child, node, bucket);
    }

    /// The selection on one value, serialized once for every subscriber that shares it.
    private async Task<ExecutionResult> RenderAsync(GraphQL.Execution.ExecutionContext context, ExecutionNode node, object value)
    {
        var result = await ProcessDataAsync(context, node, value);
        return new RenderedResult(result, RenderedResult.Utf8JsonOf(result, serializer));
    }
}
