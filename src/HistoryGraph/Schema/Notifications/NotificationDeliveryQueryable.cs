using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Events;

namespace HistoryGraph.Schema.Notifications;

public static class NotificationDeliveryQueryable
{
    public static QueryableType<NotificationDelivery> Declaration { get; } = new QueryableType<NotificationDelivery>("NotificationDelivery", "notification deliveries", typeof(NotificationDeliveryGraphType), connection: "notificationDeliveries")
        .Field("number", d => d.Id, FieldKind.Long, "The delivery's number, in the order deliveries were made.")
        .Field("targetId", d => d.TargetId, FieldKind.Uuid, "The target it goes to.", sort: false)
        .Field("kind", d => d.Kind, FieldKind.Enum, "An event, a digest or a test message.", enumType: typeof(DeliveryKindGraphType))
        .Field("eventSequence", d => d.EventSequence, FieldKind.Long, "EVENT: the sequence of the event notified.")
        .Field("checkpointNumber", d => d.CheckpointId, FieldKind.Long, "CHECKPOINT: the number of the checkpoint published.")
        .Field("digestPeriod", d => d.DigestPeriod, FieldKind.Enum, "DIGEST: the period reported.", enumType: typeof(DigestPeriodGraphType))
        .Field("periodStart", d => d.PeriodStart, FieldKind.DateTime, "DIGEST: the period's start (included).")
        .Field("periodEnd", d => d.PeriodEnd, FieldKind.DateTime, "DIGEST: the period's end (excluded).")
        .Field("requestedBy", d => d.RequestedBy, FieldKind.String, "`dispatcher` (an event), `schedule` (a digest), or the admin key that asked.", sort: false)
        .Field("status", d => d.Status, FieldKind.Enum, "Where it stands.", enumType: typeof(DeliveryStatusGraphType))
        .Field("attempts", d => (long)d.Attempts, FieldKind.Long, "Attempts made.")
        .Field("createdAt", d => d.CreatedAt, FieldKind.DateTime, "When it was made.")
        .Field("nextAttemptAt", d => d.NextAttemptAt, FieldKind.DateTime, "PENDING or AWAITING_RETRY: when it is tried next (at the earliest: a target sends in order, within its rate limit).")
        .Field("firstAttemptAt", d => d.FirstAttemptAt, FieldKind.DateTime, "When it was first tried.")
        .Field("lastAttemptAt", d => d.LastAttemptAt, FieldKind.DateTime, "When it was last tried.")
        .Field("deliveredAt", d => d.DeliveredAt, FieldKind.DateTime, "When the receiver accepted it.")
        .Field("responseStatusCode", d => (long?)d.ResponseStatusCode, FieldKind.Long, "The receiver's HTTP status (SMTP reply code for EMAIL) at the last attempt.")
        .Field("responseExcerpt", d => d.ResponseExcerpt, FieldKind.String, "The start of the receiver's answer at the last attempt.", filter: false, sort: false)
        .Field("error", d => d.Error, FieldKind.String, "What went wrong at the last attempt.", sort: false)
        .Relation("target", "The target it goes to.", NotificationTargetQueryable.Declaration, (row, target) => target.Id == row.TargetId,
            load: c => c.Loaders().NotificationTargets.Load(c.Source.TargetId), reads: d => d.TargetId)
        .Relation("event", "EVENT: the event notified (null once retention purged it).", ChangeEventQueryable.Declaration, (row, e) => e.Sequence == row.EventSequence,
            load: c => c.Source.EventSequence is { } sequence ? c.Loaders().Events.Load(sequence) : null, reads: d => d.EventSequence)
        .KeyedBy(("number", SortDirection.Desc));
}
