using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.Statistics;

namespace HistoryGraph.Ingestion.Storage;

/// The statements that count the events stored before the change_counts rollup existed, by
/// the dimensions the writer counts (ChangeCounting), from the events, their field changes and
/// their users' bot flags. Run by the ChangeCounts migration,
/// with the provider's way of cutting a timestamp to its quarter hour.
public static class ChangeCountFill
{
    public const string PostgresQuarter = "to_timestamp(floor(extract(epoch FROM e.timestamp) / 900) * 900)";

    /// SQLite keeps times as text ('2026-11-28 10:37:12.5'): the quarter as the same text.
    public const string SqliteQuarter =
        "strftime('%Y-%m-%d %H:', e.timestamp) || printf('%02d', (CAST(strftime('%M', e.timestamp) AS INTEGER) / 15) * 15) || ':00'";

    public static IEnumerable<string> Statements(string quarter)
    {
        string Dimension(ChangeCountDimension d) => ((short)d).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Insert(ChangeCountDimension dimension, string key, string from = "change_events e") =>
            $"INSERT INTO change_counts (dimension, quarter_start, \"key\", \"count\") SELECT {Dimension(dimension)}, {quarter}, {key}, COUNT(*) FROM {from} GROUP BY 2{(key == "''" ? "" : ", 3")}";
        var semantic = "CASE e.semantic_change " + string.Join(" ", Enum.GetValues<SemanticChange>().Select(s => $"WHEN {(int)s} THEN '{ChangeCounting.SemanticKey(s)}'")) + " END";
        yield return Insert(ChangeCountDimension.Total, "''");
        yield return Insert(ChangeCountDimension.EventType, "e.event_type");
        yield return Insert(ChangeCountDimension.EntityType, "e.entity_type");
        yield return Insert(ChangeCountDimension.SemanticChange, semantic);
        yield return Insert(ChangeCountDimension.IsBot, $"CASE WHEN a.is_bot THEN '{ChangeCounting.BotKey(true)}' ELSE '{ChangeCounting.BotKey(false)}' END",
            "change_events e LEFT JOIN actors a ON a.name = e.user_name");
        yield return Insert(ChangeCountDimension.Category, "c.category",
            "change_events e JOIN (SELECT DISTINCT event_sequence, category FROM field_changes) c ON c.event_sequence = e.sequence");
    }
}
