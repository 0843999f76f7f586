using System.Linq.Expressions;
using GraphQL;

namespace HistoryGraph.Conventions.Declarations;

/// A relation's output field: how it loads the related object (or list), which row members
/// that reads, and whether it is a list or never null.
public sealed record RelationOutput(Func<IResolveFieldContext, object?> Load, LambdaExpression Reads, bool Many, bool Required);
