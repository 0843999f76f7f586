using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Users;

public static class UserQueryable
{
    public static QueryableType<Actor> Declaration { get; } = new QueryableType<Actor>("User", "users and bots", typeof(UserGraphType), connection: "users")
        .Field("name", a => a.Name, FieldKind.String, "The user or bot name as OpenMetadata sends it.")
        .Field("isBot", a => a.IsBot, FieldKind.Boolean, "A bot: marked isBot in OpenMetadata, named *-bot, listed in Ingestion:BotUsers, or named as the `impersonatedBy` of a change (only bots act for people).", sort: false)
        .Field("firstSeenAt", a => a.FirstSeenAt, FieldKind.DateTime, "Time of the earliest event seen from or about this name.")
        .Field("lastSeenAt", a => a.LastSeenAt, FieldKind.DateTime, "Time of the latest event seen from or about this name.")
        .Field("changeCount", a => a.ChangeCount, FieldKind.Long, "How many events this user or bot made.")
        .KeyedBy(("name", SortDirection.Asc));
}
