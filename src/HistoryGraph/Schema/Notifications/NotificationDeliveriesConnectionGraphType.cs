using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationDeliveriesConnectionGraphType() : ConnectionGraphType<NotificationDelivery, NotificationDeliveryGraphType, NotificationDeliveriesEdgeGraphType>("notificationDeliveries");
