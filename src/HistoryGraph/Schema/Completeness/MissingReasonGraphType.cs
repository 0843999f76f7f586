using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Completeness;

public sealed class MissingReasonGraphType : EnumerationGraphType<MissingReason>
{
    public MissingReasonGraphType()
    {
        Name = "MissingReason";
        Description = "Why versions known to be missing could not be stored.";
        Values["NOT_IN_OPEN_METADATA"]!.Description = "OpenMetadata no longer has them (an entity hard-deleted there loses its versions).";
        Values["REFUSED"]!.Description = "OpenMetadata answered with an error.";
        Values["UNREACHABLE"]!.Description = "OpenMetadata could not be reached, or did not answer in time.";
    }
}
