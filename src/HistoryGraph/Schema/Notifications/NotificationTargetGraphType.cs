using GraphQL.Types;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationTargetGraphType : ObjectGraphType<NotificationTarget>
{
    public NotificationTargetGraphType()
    {
        Name = "NotificationTarget";
        Description = "A place notifications go. Secrets are never shown, only masked.";
        this.ColumnsOf(NotificationTargetQueryable.Declaration);
        Field<JsonGraphType>("filter").Description("The events it is sent, as the ChangeEventFilterInput it was given; null: every event.")
            .Resolve(c => JsonText.Parse(c.Source.Filter)).Reads((NotificationTarget t) => t.Filter);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DigestScheduleGraphType>>>>("digests").Description("Its digest schedules.")
            .Resolve(c => c.Source.Digests).Reads((NotificationTarget t) => t.Digests);
        Field<NotificationFailureDetailsGraphType>("failureDetails").Description("Its last success and last failure; null before its first attempt.")
            .Resolve(c => c.Source.LastSuccessfulAt is null && c.Source.LastFailedAt is null ? null : c.Source)
            .Reads((NotificationTarget t) => t.LastSuccessfulAt!, (NotificationTarget t) => t.LastFailedAt!, (NotificationTarget t) => t.LastFailedStatusCode!,
                (NotificationTarget t) => t.LastFailedReason!, (NotificationTarget t) => t.NextAttemptAt!);
        this.NestedConnection<NotificationTarget, NotificationDelivery, Guid>(
            "deliveries", "Its notifications, newest first unless `order` says otherwise.", NotificationDeliveryQueryable.Declaration,
            db => db.NotificationDeliveries, d => d.TargetId, db => db.NotificationTargets, t => t.Id);
    }
}
