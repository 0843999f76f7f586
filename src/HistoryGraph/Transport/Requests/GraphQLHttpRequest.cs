using GraphQL;

namespace HistoryGraph.Transport.Requests;

/// A GraphQL request read from POST JSON or GET query parameters, already checked for shape.
public sealed record GraphQLHttpRequest(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions);
