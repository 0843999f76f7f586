using GraphQL;

namespace HistoryGraph.Transport.Requests;

/// A GraphQL request read from POST JSON or GET query parameters, already checked for shape:
/// a document's text, or the id of a trusted document (`sha256:<hex>`), never both.
public sealed record GraphQLHttpRequest(string? Query, string? OperationName, Inputs? Variables, Inputs? Extensions, string? DocumentId = null);
