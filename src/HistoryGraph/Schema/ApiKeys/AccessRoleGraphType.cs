using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.ApiKeys;

public sealed class AccessRoleGraphType : EnumerationGraphType<AccessRole>
{
    public AccessRoleGraphType()
    {
        Name = "AccessRole";
        Description = "What a key or token may do.";
        Values["READER"]!.Description = "Read the history: queries, subscriptions, `/events`, the IDE.";
        Values["ADMIN"]!.Description = "Everything a reader may, and mutations, `/export`, notification targets and deliveries, restore attempts, purge runs and key management.";
        Values["INGEST"]!.Description = "Deliver OpenMetadata's webhooks, nothing else.";
    }
}
