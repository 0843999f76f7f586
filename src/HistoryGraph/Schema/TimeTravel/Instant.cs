using GraphQL;

namespace HistoryGraph.Schema.TimeTravel;

/// A moment of the history: a time, or a sequence (the state right after that event was stored).
public sealed record Instant(DateTime? At, long? Sequence)
{
    /// Exactly one of `at` and `sequence`, from a field's arguments.
    public static Instant From(IResolveFieldContext context)
    {
        var at = context.GetArgument<DateTime?>("at");
        var sequence = context.GetArgument<long?>("sequence");
        if (at is null && sequence is null)
            throw new ExecutionError("Give `at` (a time) or `sequence` (an event's sequence).") { Code = "ARGUMENT_MISSING" };
        if (at is not null && sequence is not null)
            throw new ExecutionError("Give `at` or `sequence`, not both.") { Code = "INVALID_ARGUMENT" };
        return new Instant(at is { } time ? DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc) : null, sequence);
    }
}
