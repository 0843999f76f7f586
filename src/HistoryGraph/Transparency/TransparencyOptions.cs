namespace HistoryGraph.Transparency;

/// Section "Transparency": the signed checkpoints of the transparency log over every stored event.
public sealed class TransparencyOptions
{
    public const string Section = "Transparency";

    /// The log's name, the first line of every checkpoint; unset: the signing key's name.
    /// Changing it makes a new log in the eyes of anyone holding a checkpoint.
    public string? Origin { get; set; }

    /// The C2SP signer key that signs checkpoints (`PRIVATE+KEY+<name>+<hash>+<key>`; the
    /// `log-key` command makes one). Unset (and no SigningKeyFile): the server makes a key and
    /// keeps it in the store, which proves nothing against whoever can read the store.
    public string? SigningKey { get; set; }

    /// A file holding the signer key, read at start-up (for a secret mounted as a file).
    public string? SigningKeyFile { get; set; }

    /// The verifier keys (`<name>+<hash>+<key>`) of keys that signed earlier checkpoints: after a
    /// rotation the old key's verifier key goes here, so that its checkpoints stay verifiable.
    public List<string> TrustedKeys { get; set; } = [];

    /// A checkpoint is made once this many events were stored since the last one...
    public int CheckpointEvents { get; set; } = 1000;

    /// ...or once this long has passed since it with any event stored, and at shutdown.
    public double CheckpointMinutes { get; set; } = 5;

    /// How often the need for a checkpoint is looked at.
    public double CheckIntervalSeconds { get; set; } = 2;
}
