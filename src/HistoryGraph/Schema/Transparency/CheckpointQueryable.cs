using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Transparency;

public static class CheckpointQueryable
{
    public static QueryableType<LogCheckpoint> Declaration { get; } = new QueryableType<LogCheckpoint>("Checkpoint", "checkpoints", typeof(CheckpointGraphType), connection: "checkpoints")
        .Field("number", c => c.Id, FieldKind.Long, "The checkpoint's number, in the order checkpoints were stored.")
        .Field("treeSize", c => c.TreeSize, FieldKind.Long, "How many events the tree held: the events of sequences 1 to treeSize.")
        .Field("keyName", c => c.KeyName, FieldKind.String, "The name of the key that signed it.")
        .Field("verifierKey", c => c.VerifierKey, FieldKind.String, "The signing key's public (verifier) key, `<name>+<hash>+<key>`: trust it only once you know it is the log's.", filter: false, sort: false)
        .Field("note", c => c.Note, FieldKind.String, "The checkpoint as a C2SP signed note: origin, tree size and base64 root hash, a blank line and the signature lines. Keep a copy: it proves what the history held.", filter: false, sort: false)
        .Field("createdAt", c => c.CreatedAt, FieldKind.DateTime, "When it was signed.")
        .KeyedBy(("treeSize", SortDirection.Desc), ("number", SortDirection.Desc));
}
