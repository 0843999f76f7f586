using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Notifications;

public sealed class DeliveryKindOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<DeliveryKindGraphType>("DeliveryKind");
