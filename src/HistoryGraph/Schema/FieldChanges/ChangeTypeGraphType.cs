using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class ChangeTypeGraphType : EnumerationGraphType<ChangeType>
{
    public ChangeTypeGraphType()
    {
        Name = "ChangeType";
        Description = "How a field changed.";
        Values["ADDED"]!.Description = "The field (or list items) was added.";
        Values["UPDATED"]!.Description = "The field's value changed.";
        Values["DELETED"]!.Description = "The field (or list items) was removed.";
    }
}
