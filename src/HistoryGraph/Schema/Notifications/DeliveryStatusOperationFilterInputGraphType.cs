using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Notifications;

public sealed class DeliveryStatusOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<DeliveryStatusGraphType>("DeliveryStatus");
