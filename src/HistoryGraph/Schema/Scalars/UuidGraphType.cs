using GraphQL.Types;

namespace HistoryGraph.Schema.Scalars;

/// Hot Chocolate's name for a UUID; GraphQL.NET's own is `Guid`.
public sealed class UuidGraphType : GuidGraphType
{
    public UuidGraphType()
    {
        Name = "UUID";
        Description = "A UUID in its canonical text form, e.g. 3f6a2b10-7c1d-4e2f-9a3b-4c5d6e7f8091.";
    }
}
