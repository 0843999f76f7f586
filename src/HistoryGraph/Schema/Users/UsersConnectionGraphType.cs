using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Users;

public sealed class UsersConnectionGraphType() : ConnectionGraphType<Actor, UserGraphType, UsersEdgeGraphType>("users");
