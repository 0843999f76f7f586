using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationTargetsConnectionGraphType() : ConnectionGraphType<NotificationTarget, NotificationTargetGraphType, NotificationTargetsEdgeGraphType>("notificationTargets");
