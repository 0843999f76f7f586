using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Users;

public sealed class UsersEdgeGraphType() : EdgeGraphType<Actor, UserGraphType>("users");
