namespace HistoryGraph.TrustedDocuments;

/// Trusted documents (section "GraphQL:TrustedDocuments"): Hot Chocolate's persisted
/// operations, the GraphQL over HTTP persisted documents appendix.
public sealed class TrustedDocumentsOptions
{
    public const string Section = "GraphQL:TrustedDocuments";

    /// Open (default): any document, or a trusted one by its id. Enforce: callers other than
    /// admins may only send ids (admins keep Banana Cake Pop usable).
    public TrustedDocumentMode Mode { get; set; } = TrustedDocumentMode.Open;

    /// A directory of `<sha256>.graphql` files, read at start-up (each file's name must be the
    /// SHA-256 of its content).
    public string? Directory { get; set; }

    /// An Apollo persisted query manifest (`apollo-persisted-query-manifest`, version 1), read at start-up.
    public string? Manifest { get; set; }

    /// How often the documents admins registered on other instances are read.
    public double RefreshSeconds { get; set; } = 10;
}
