namespace HistoryGraph.Transparency;

/// The first line of a log bundle: which log, the checkpoint every proof in it leads to, and the
/// verifier key that signed it (to be compared with the log's published key, not trusted because
/// the bundle names it).
public sealed record BundleHeader(string Format, int Version, string Origin, long TreeSize, string RootHash, string Checkpoint, string VerifierKey)
{
    public const string FormatName = "historygraph-log-bundle";
}
