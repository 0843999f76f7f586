using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationKindOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<NotificationKindGraphType>("NotificationKind");
