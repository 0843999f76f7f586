namespace HistoryGraph.Access;

/// What the credentials of a request came to: a caller, or none presented, or a refusal with
/// its reason and the id of the key it names (for the log; never the key).
public sealed record Authentication(Caller? Caller, bool Presented, string? Problem, string? KeyId)
{
    public static Authentication NonePresented { get; } = new(null, false, null, null);

    public static Authentication Of(Caller caller) => new(caller, true, null, null);

    public static Authentication Refused(string problem, string? keyId) => new(null, true, problem, keyId);
}
