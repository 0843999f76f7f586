using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Users;

public sealed class UserSortInputGraphType() : SortInputGraphType<Actor>(UserQueryable.Declaration);
