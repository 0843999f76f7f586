using GraphQL.Types;
using HistoryGraph.Ingestion.Notifications;

namespace HistoryGraph.Schema.Notifications;

public sealed class DeliveryStatusGraphType : EnumerationGraphType<DeliveryStatus>
{
    public DeliveryStatusGraphType()
    {
        Name = "DeliveryStatus";
        Description = "Where one notification stands.";
        Values["PENDING"]!.Description = "Waiting for its first attempt.";
        Values["AWAITING_RETRY"]!.Description = "An attempt failed; it is tried again at `nextAttemptAt`.";
        Values["DELIVERED"]!.Description = "The receiver accepted it.";
        Values["FAILED"]!.Description = "An attempt failed in a way that retrying cannot mend; not tried again.";
        Values["RETRY_LIMIT_REACHED"]!.Description = "Every attempt allowed failed; not tried again.";
        Values["SKIPPED"]!.Description = "Not sent: a digest of a period without changes, whose schedule does not ask for those (`sendWhenEmpty`).";
    }
}
