using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Semantics;

public sealed class SemanticChangeGraphType : EnumerationGraphType<SemanticChange>
{
    public SemanticChangeGraphType()
    {
        Name = "SemanticChange";
        Description = "How a change affects whoever uses the asset, as semantic versioning puts it.";
        Values["NONE"]!.Description = "Nothing a user of the asset sees: followers, votes, custom properties, column positions.";
        Values["PATCH"]!.Description = "Documentation: descriptions and display names.";
        Values["MINOR"]!.Description = "Additions and classification: new columns, tags, owners, glossary terms, tier, domain.";
        Values["MAJOR"]!.Description = "Backward-incompatible: a column, schema field, chart, task or feature removed or renamed, a data type, constraint or partitioning changed.";
    }
}
