using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Statistics;

/// The dimension values one stored event counts under, as the rollup and the statistics that
/// count events directly both spell them.
public static class ChangeCounting
{
    public static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    public static DateTime QuarterOf(DateTime utc) => new(utc.Ticks - utc.Ticks % Quarter.Ticks, DateTimeKind.Utc);

    public static string CategoryKey(FieldCategory category) => ModelBuilding.ToUpperSnake(category.ToString());

    public static string SemanticKey(SemanticChange change) => ModelBuilding.ToUpperSnake(change.ToString());

    public static string BotKey(bool isBot) => isBot ? "true" : "false";

    /// The dimensions the rollup counts.
    public static bool IsRolledUp(ChangeCountDimension dimension) => dimension is not (ChangeCountDimension.User or ChangeCountDimension.Service);

    /// Every (dimension, key) of the rollup the event counts under.
    public static IEnumerable<(ChangeCountDimension Dimension, string Key)> KeysOf(
        string eventType, string entityType, bool isBot, SemanticChange semanticChange, IEnumerable<FieldCategory> categories)
    {
        yield return (ChangeCountDimension.Total, "");
        yield return (ChangeCountDimension.EventType, eventType);
        yield return (ChangeCountDimension.EntityType, entityType);
        yield return (ChangeCountDimension.SemanticChange, SemanticKey(semanticChange));
        yield return (ChangeCountDimension.IsBot, BotKey(isBot));
        foreach (var category in categories.Distinct())
            yield return (ChangeCountDimension.Category, CategoryKey(category));
    }
}
