using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationDeliveryFilterInputGraphType() : FilterInputGraphType<NotificationDelivery>(NotificationDeliveryQueryable.Declaration);
