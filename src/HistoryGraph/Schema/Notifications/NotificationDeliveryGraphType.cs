using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Events;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationDeliveryGraphType : ObjectGraphType<NotificationDelivery>
{
    public NotificationDeliveryGraphType()
    {
        Name = "NotificationDelivery";
        Description = "One notification to one target, with its attempts.";
        this.ColumnsOf(NotificationDeliveryQueryable.Declaration);
        Field<FloatGraphType>("durationMs").Description("How long the last attempt took, in milliseconds.")
            .Resolve(c => c.Source.DurationMs).Reads((NotificationDelivery d) => d.DurationMs!);
        Field<NotificationTargetGraphType>("target").Description("The target it goes to.")
            .Resolve(c => c.Loaders().NotificationTargets.Load(c.Source.TargetId)).Reads((NotificationDelivery d) => d.TargetId);
        Field<ChangeEventGraphType>("event").Description("EVENT: the event notified (null once retention purged it).")
            .Resolve(c => c.Source.EventSequence is { } sequence ? c.Loaders().Events.Load(sequence) : null).Reads((NotificationDelivery d) => d.EventSequence!);
    }
}
