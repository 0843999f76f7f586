using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public static class PurgeRunQueryable
{
    public static QueryableType<PurgeRun> Declaration { get; } = new QueryableType<PurgeRun>("PurgeRun", "purgeRuns", typeof(PurgeRunGraphType), connection: "purgeRuns")
        .Field("number", r => r.Id, FieldKind.Long, "The run's number, in the order runs started.")
        .Field("requestedBy", r => r.RequestedBy, FieldKind.String, "`schedule` (Retention:KeepDays), `command line`, or the admin key that asked (`admin key 1`, `development`).")
        .Field("startedAt", r => r.StartedAt, FieldKind.DateTime, "When the run started.")
        .Field("finishedAt", r => r.FinishedAt, FieldKind.DateTime, "When it ended; null while it runs.")
        .Field("cutoff", r => r.Cutoff, FieldKind.DateTime, "Events whose time is before this were purged, unless kept.")
        .Field("status", r => r.Status, FieldKind.Enum, "RUNNING, COMPLETED or FAILED.", enumType: typeof(PurgeStatusGraphType))
        .Field("eventsPurged", r => r.EventsPurged, FieldKind.Long, "Events removed.")
        .Field("fieldChangesPurged", r => r.FieldChangesPurged, FieldKind.Long, "Field changes removed with their events.")
        .Field("versionsPurged", r => r.VersionsPurged, FieldKind.Long, "Entity versions removed with the events that made them.")
        .Field("eventsKept", r => r.EventsKept, FieldKind.Long,
            "Events older than the cut-off that were kept: each entity's latest version and current state, every deletion, its last snapshot and its restore.")
        .Field("firstSequence", r => r.FirstSequence, FieldKind.Long, "The lowest sequence purged; null when nothing was.")
        .Field("lastSequence", r => r.LastSequence, FieldKind.Long, "The highest sequence purged; null when nothing was.")
        .Field("error", r => r.Error, FieldKind.String, "Why a FAILED run stopped (what it removed before that stays removed and counted).")
        .KeyedBy(("number", SortDirection.Desc));
}
