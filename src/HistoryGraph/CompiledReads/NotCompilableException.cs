namespace HistoryGraph.CompiledReads;

/// A request, or a part of it, that the compiled path does not translate: the request runs
/// through the resolvers instead, which answer every request.
public sealed class NotCompilableException(string reason) : Exception(reason);
