using HistoryGraph.Conventions;

namespace HistoryGraph.Schema.Notifications;

public sealed class DigestPeriodOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<DigestPeriodGraphType>("DigestPeriod");
