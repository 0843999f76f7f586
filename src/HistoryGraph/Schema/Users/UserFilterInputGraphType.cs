using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Users;

public sealed class UserFilterInputGraphType() : FilterInputGraphType<Actor>(UserQueryable.Declaration);
