using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Deletions;

public sealed class DeletionKindGraphType : EnumerationGraphType<DeletionKind>
{
    public DeletionKindGraphType()
    {
        Name = "DeletionKind";
        Description = "How an entity was deleted.";
        Values["SOFT"]!.Description = "Soft: moved to OpenMetadata's trash, restorable.";
        Values["HARD"]!.Description = "Hard: gone from OpenMetadata with all its versions there.";
    }
}
