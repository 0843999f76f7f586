namespace HistoryGraph.Ingestion.Transparency;

/// One signature line of a signed note: the key's name and hash, and the signature.
public sealed record NoteSignature(string KeyName, uint KeyHash, byte[] Signature);
