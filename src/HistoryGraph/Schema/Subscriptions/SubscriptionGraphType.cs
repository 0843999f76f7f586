using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using HistoryGraph.Retention;
using HistoryGraph.Schema.Deletions;
using HistoryGraph.Schema.Events;
using HistoryGraph.Schema.Scalars;
using HistoryGraph.Schema.Statistics;
using HistoryGraph.Statistics;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema.Subscriptions;

public sealed class SubscriptionGraphType : ObjectGraphType
{
    private const string AfterDescription =
        "Replay the stored events after this sequence first, then continue live, without gap or repeat. " +
        "Give the `sequence` of the last event received to resume after a dropped connection. Without it the stream starts with the next event.";

    public SubscriptionGraphType()
    {
        Name = "Subscription";
        Description = "Live streams of committed changes, in `sequence` order: each event once, statistics as they change.";

        Field<NonNullGraphType<ChangeEventGraphType>>("changes")
            .Description("Every committed change event that matches `where`.")
            .Argument<FilterInputGraphType<ChangeEvent>>("where", "The same filter as the `events` query.")
            .Argument<LongGraphType>("after", AfterDescription)
            .ResolveStreamAsync(c => StreamAsync(c, LiveTopics.Changes(c.GetFilter())));

        Field<NonNullGraphType<ChangeEventGraphType>>("entityChanged")
            .Description("The change events of one entity, named by id or by fully qualified name (either matches when both are given).")
            .Argument<UuidGraphType>("entityId", "The entity's id.")
            .Argument<StringGraphType>("fqn", "The entity's fully qualified name, as the event names it.")
            .Argument<LongGraphType>("after", AfterDescription)
            .ResolveStreamAsync(c =>
            {
                var id = c.GetArgument<Guid?>("entityId");
                var fqn = c.GetArgument<string?>("fqn");
                if (id is null && fqn is null)
                    throw new ExecutionError("entityChanged needs `entityId` or `fqn`.") { Code = "INVALID_ARGUMENT" };
                return StreamAsync(c, LiveTopics.EntityChanged(id, fqn));
            });

        Field<NonNullGraphType<DeletionGraphType>>("deletions")
            .Description("Every soft or hard delete that matches `where`, as it is committed.")
            .Argument<FilterInputGraphType<Deletion>>("where", "The same filter as the `deletions` query.")
            .Argument<LongGraphType>("after", "Replay the deletions whose event sequence is after this one first, then continue live.")
            .ResolveStreamAsync(c => StreamAsync(c, LiveTopics.Deletions(c.GetFilter()), purgeable: false));

        var changeStats = Field<NonNullGraphType<ChangeStatsBucketGraphType>>("changeStats")
            .Description("The buckets of change statistics that committed events touch, each as it stands after them: the same buckets and counts as the " +
                "`changeStats` query, counted in memory as events commit. One update per bucket touched by a commit (a subscriber that reads slowly " +
                "receives only the latest of each bucket), in `sequence` order.");
        ChangeStatsArgumentFields.Declare(changeStats)
            .Argument<LongGraphType>("after", "First send every bucket that the events after this sequence touched, as it stands now, then continue live. " +
                "Give the `sequence` of the last update received to resume after a dropped connection. Without it the stream starts with the next commit.")
            .ResolveStreamAsync(async c =>
            {
                var arguments = ChangeStatsArgumentFields.Of(c);
                await PurgedHistory.EnsureCompleteAfterAsync(c.Contexts(), c.GetArgument<long?>("after"), c.CancellationToken);
                return (IObservable<object?>)new ChangeStatsSubscription(c.RequestServices!.GetRequiredService<LiveChangeStats>(), arguments, c.GetArgument<long?>("after"), Flow(c));
            });
    }

    /// The stream, once it is checked that the history after `after` is whole (PurgedHistory);
    /// deletions are never purged, so their replay always is.
    private static async Task<IObservable<object?>> StreamAsync(IResolveFieldContext context, LiveTopic topic, bool purgeable = true)
    {
        var services = context.RequestServices!;
        var contexts = services.GetRequiredService<IDbContextFactory<HistoryDbContext>>();
        var after = context.GetArgument<long?>("after");
        if (purgeable)
            await PurgedHistory.EnsureCompleteAfterAsync(contexts, after, context.CancellationToken);
        return new LiveSubscription(services.GetRequiredService<ChangeFeed>(), contexts, topic, after, Flow(context));
    }

    private static SubscriberFlow? Flow(IResolveFieldContext context) =>
        context.UserContext.TryGetValue(SubscriberFlow.Key, out var value) ? value as SubscriberFlow : null;
}
