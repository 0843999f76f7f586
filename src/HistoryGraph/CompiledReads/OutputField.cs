using GraphQL.Types;

namespace HistoryGraph.CompiledReads;

/// One field of a compiled response, under its response key (an alias or its name): a column
/// (Index into the plan's columns, written by Scalar, a list of them when List), a computed
/// field (Index into the plan's computed fields), a nested
/// connection (Index into the plan's children), `__typename` (Text), or a part of the
/// connection object with its own Fields.
public sealed record OutputField(string Key, OutputKind Kind, int Index = -1, ScalarGraphType? Scalar = null, bool List = false, string? Text = null, IReadOnlyList<OutputField>? Fields = null);
