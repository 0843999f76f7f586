using GraphQL.Types;
using HistoryGraph.Ingestion.Notifications;

namespace HistoryGraph.Schema.Notifications;

public sealed class DeliveryKindGraphType : EnumerationGraphType<DeliveryKind>
{
    public DeliveryKindGraphType()
    {
        Name = "DeliveryKind";
        Description = "What a notification says.";
        Values["EVENT"]!.Description = "One change event.";
        Values["DIGEST"]!.Description = "A report over a period.";
        Values["CHECKPOINT"]!.Description = "A signed checkpoint of the transparency log, for the target to keep.";
        Values["TEST"]!.Description = "A test message (`testNotificationTarget`).";
    }
}
