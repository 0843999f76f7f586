using GraphQL.PersistedDocuments;

namespace HistoryGraph.TrustedDocuments;

/// GraphQL.NET's persisted document handler, reading ids (`sha256:<hex>`) from the trusted
/// documents in memory; an unknown id is DOCUMENT_NOT_FOUND, a malformed one
/// DOCUMENT_ID_INVALID. It runs before the document cache and the request limits (-1, 0), so
/// that a trusted document is cached and measured like any other once its text is known.
public sealed class TrustedDocumentHandler(TrustedDocumentStore store) : PersistedDocumentHandler(new PersistedDocumentOptions
{
    // Who may send text is TrustedDocumentPolicy's to decide (admins may, where others may not).
    AllowOnlyPersistedDocuments = false,
    GetQueryDelegate = (_, _, hash) => ValueTask.FromResult(store.Find(hash)),
})
{
    public override float SortOrder => -2;
}
