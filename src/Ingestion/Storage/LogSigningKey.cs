namespace HistoryGraph.Ingestion.Storage;

/// A checkpoint signing key the server made for itself because none was configured
/// (Transparency:SigningKey): the C2SP signer key text. Anyone who can read the store can sign
/// with it, so checkpoints signed by it prove nothing against the store's own administrators;
/// copies held elsewhere (witnesses) still expose a rewrite.
public sealed class LogSigningKey
{
    public long Id { get; set; }
    public required string SignerKey { get; set; }
    public DateTime CreatedAt { get; set; }
}
