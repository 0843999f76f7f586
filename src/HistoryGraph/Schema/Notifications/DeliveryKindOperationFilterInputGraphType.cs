using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Notifications;

public sealed class DeliveryKindOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<DeliveryKindGraphType>("DeliveryKind");
