using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationTargetSortInputGraphType() : SortInputGraphType<NotificationTarget>(NotificationTargetQueryable.Declaration);
