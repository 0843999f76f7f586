using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;

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
        this.RelationsOf(NotificationDeliveryQueryable.Declaration);
    }
}
