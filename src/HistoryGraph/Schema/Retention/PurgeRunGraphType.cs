using System.Globalization;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Retention;

public sealed class PurgeRunGraphType : ObjectGraphType<PurgeRun>
{
    public const string TypeName = "PurgeRun";

    public PurgeRunGraphType()
    {
        Name = TypeName;
        Description = "One run of the retention purge: its cut-off, who asked, and what it removed and kept.";
        this.ImplementsNode(TypeName, row => row.Id.ToString(CultureInfo.InvariantCulture));
        this.ColumnsOf(PurgeRunQueryable.Declaration);
    }
}
