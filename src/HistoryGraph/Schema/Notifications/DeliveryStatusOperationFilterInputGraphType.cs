using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Notifications;

public sealed class DeliveryStatusOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<DeliveryStatusGraphType>("DeliveryStatus");
