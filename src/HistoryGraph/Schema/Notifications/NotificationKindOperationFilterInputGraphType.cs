using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationKindOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<NotificationKindGraphType>("NotificationKind");
