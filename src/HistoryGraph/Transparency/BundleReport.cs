namespace HistoryGraph.Transparency;

/// What `verify --bundle` found: the log and checkpoint the bundle leads to, how many events
/// it proved (and how many were redacted), and what failed.
public sealed class BundleReport
{
    public string Origin { get; set; } = "";
    public long TreeSize { get; set; }
    public string RootHash { get; set; } = "";
    /// The key that signed the checkpoint, and whether it was given (else the bundle named it).
    public string VerifierKey { get; set; } = "";
    public bool KeyGiven { get; set; }
    public long EventsVerified { get; set; }
    public long EventsRedacted { get; set; }
    public List<VerificationProblem> Problems { get; } = [];
    public bool Verified => Problems.Count == 0;
}
