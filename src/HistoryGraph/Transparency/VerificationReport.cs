using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Transparency;

/// What verifyHistory checked and found over a range of sequences.
public sealed class VerificationReport
{
    public const int MaxProblems = 100;

    public long FromSequence { get; init; }
    public long ToSequence { get; init; }
    /// The tree's size and root as the store holds them.
    public long TreeSize { get; init; }
    public required byte[] RootHash { get; init; }
    public long EventsChecked { get; set; }
    /// Sequences in the range whose events retention purged: their leaves stay in the tree and
    /// are proved by it, their rows are gone.
    public long EventsRedacted { get; set; }
    public long VersionsChecked { get; set; }
    public long EntitiesChecked { get; set; }
    public int CheckpointsChecked { get; set; }
    /// The purge runs that redacted sequences of the range.
    public List<PurgedRange> RedactedRanges { get; } = [];
    /// The first problems found (at most MaxProblems), in the order found; ProblemCount counts all.
    public List<VerificationProblem> Problems { get; } = [];
    public long ProblemCount { get; private set; }

    public bool Verified => ProblemCount == 0;

    /// The lowest sequence with a problem.
    public long? FirstBadSequence { get; private set; }

    public void Add(VerificationProblemKind kind, long? sequence, string detail)
    {
        ProblemCount++;
        if (Problems.Count < MaxProblems)
            Problems.Add(new VerificationProblem(kind, sequence, detail));
        if (sequence is { } s && (FirstBadSequence is null || s < FirstBadSequence))
            FirstBadSequence = s;
    }
}
