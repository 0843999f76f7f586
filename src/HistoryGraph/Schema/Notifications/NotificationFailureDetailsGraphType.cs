using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationFailureDetailsGraphType : ObjectGraphType<NotificationTarget>
{
    public NotificationFailureDetailsGraphType()
    {
        Name = "NotificationFailureDetails";
        Description = "A target's last success and last failure, after OpenMetadata's failureDetails.";
        Field<DateTimeGraphType>("lastSuccessfulAt").Description("When a message last reached the receiver.").Resolve(c => c.Source.LastSuccessfulAt);
        Field<DateTimeGraphType>("lastFailedAt").Description("When an attempt last failed.").Resolve(c => c.Source.LastFailedAt);
        Field<IntGraphType>("lastFailedStatusCode").Description("The receiver's HTTP status (SMTP reply code for EMAIL) at that failure; null when there was no answer.").Resolve(c => c.Source.LastFailedStatusCode);
        Field<StringGraphType>("lastFailedReason").Description("Why it failed.").Resolve(c => c.Source.LastFailedReason);
        Field<DateTimeGraphType>("nextAttempt").Description("AWAITING_RETRY: when the message that failed is tried again.").Resolve(c => c.Source.NextAttemptAt);
    }
}
