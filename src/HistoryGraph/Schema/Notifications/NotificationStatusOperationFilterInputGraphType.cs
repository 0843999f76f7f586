using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationStatusOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<NotificationStatusGraphType>("NotificationStatus");
