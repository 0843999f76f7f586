using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgeStatusGraphType : EnumerationGraphType<PurgeStatus>
{
    public PurgeStatusGraphType()
    {
        Name = "PurgeStatus";
        Description = "Where a purge run stands.";
        Values["RUNNING"]!.Description = "Under way.";
        Values["COMPLETED"]!.Description = "Every batch done.";
        Values["FAILED"]!.Description = "Stopped by an error; what it removed before that stays removed and counted.";
    }
}
