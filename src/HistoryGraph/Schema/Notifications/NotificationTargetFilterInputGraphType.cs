using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationTargetFilterInputGraphType() : FilterInputGraphType<NotificationTarget>(NotificationTargetQueryable.Declaration);
