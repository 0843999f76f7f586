using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationStatusOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<NotificationStatusGraphType>("NotificationStatus");
