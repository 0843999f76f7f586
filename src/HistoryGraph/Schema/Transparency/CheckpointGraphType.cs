using System.Globalization;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Transparency;

public sealed class CheckpointGraphType : ObjectGraphType<LogCheckpoint>
{
    public const string TypeName = "Checkpoint";

    public CheckpointGraphType()
    {
        Name = TypeName;
        Description = "A signed checkpoint of the transparency log over every stored event (C2SP tlog-checkpoint): the tree's size and root hash, signed with Ed25519.";
        this.ImplementsNode(TypeName, row => row.Id.ToString(CultureInfo.InvariantCulture));
        this.ColumnsOf(CheckpointQueryable.Declaration);
        Field<NonNullGraphType<StringGraphType>>("rootHash").Description("The tree's root hash (RFC 6962), base64.")
            .Resolve(c => Convert.ToBase64String(c.Source.RootHash)).Reads((LogCheckpoint r) => r.RootHash);
    }
}
