using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationDeliveriesEdgeGraphType() : EdgeGraphType<NotificationDelivery, NotificationDeliveryGraphType>("notificationDeliveries");
