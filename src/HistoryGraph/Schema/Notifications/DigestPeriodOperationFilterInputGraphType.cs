using HistoryGraph.Conventions.Filtering;

namespace HistoryGraph.Schema.Notifications;

public sealed class DigestPeriodOperationFilterInputGraphType() : EnumOperationFilterInputGraphType<DigestPeriodGraphType>("DigestPeriod");
