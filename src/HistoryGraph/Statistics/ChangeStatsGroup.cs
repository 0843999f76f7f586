using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Statistics;

/// What change statistics can be grouped by: every dimension the rollup counts, but the total.
public enum ChangeStatsGroup
{
    EventType = ChangeCountDimension.EventType,
    EntityType = ChangeCountDimension.EntityType,
    Category = ChangeCountDimension.Category,
    User = ChangeCountDimension.User,
    Service = ChangeCountDimension.Service,
    SemanticChange = ChangeCountDimension.SemanticChange,
    IsBot = ChangeCountDimension.IsBot,
    ActorKind = ChangeCountDimension.ActorKind,
}
