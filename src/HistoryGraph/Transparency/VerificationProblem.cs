namespace HistoryGraph.Transparency;

/// One thing verifyHistory found wrong: where (the sequence, when there is one) and what differs.
public sealed record VerificationProblem(VerificationProblemKind Kind, long? Sequence, string Detail);
