using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationDeliverySortInputGraphType() : SortInputGraphType<NotificationDelivery>(NotificationDeliveryQueryable.Declaration);
