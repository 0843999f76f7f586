namespace HistoryGraph.TrustedDocuments;

public enum TrustedDocumentMode
{
    /// Documents by id and documents as text alike.
    Open,
    /// Callers other than admins may only send the id of a trusted document.
    Enforce,
}
