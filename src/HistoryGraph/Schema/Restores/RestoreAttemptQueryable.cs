using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Restores;

public static class RestoreAttemptQueryable
{
    public static QueryableType<RestoreAttempt> Declaration { get; } = new QueryableType<RestoreAttempt>("RestoreAttempt", "restoreAttempts", typeof(RestoreAttemptGraphType), connection: "restoreAttempts")
        .Field("number", r => r.Id, FieldKind.Long, "The attempt's number, in the order attempts were made.")
        .Field("entityId", r => r.EntityId, FieldKind.Uuid, "Id of the entity to bring back.")
        .Field("entityType", r => r.EntityType, FieldKind.String, "Type of the entity.")
        .Field("fqn", r => r.Fqn, FieldKind.String, "Fully qualified name of the entity.")
        .Field("method", r => r.Method, FieldKind.Enum, "RESTORE (soft delete) or RECREATE (hard delete).", enumType: typeof(RestoreMethodGraphType))
        .Field("version", r => r.Version, FieldKind.Decimal, "The version whose snapshot a recreation sent; null for a restore.")
        .Field("requestedBy", r => r.RequestedBy, FieldKind.String, "Who asked: the admin key's position in Admin:ApiKeys (`admin key 1`), or `development`.")
        .Field("requestedAt", r => r.RequestedAt, FieldKind.DateTime, "When it was asked for.")
        .Field("requestPath", r => r.RequestPath, FieldKind.String, "The request sent, e.g. `PUT /v1/tables/restore`, after OpenMetadata:ApiUrl.")
        .Field("answeredAt", r => r.AnsweredAt, FieldKind.DateTime, "When OpenMetadata answered, or gave up being asked; null while under way.")
        .Field("responseStatus", r => r.ResponseStatus, FieldKind.Long, "OpenMetadata's HTTP status; null when it did not answer.")
        .Field("succeeded", r => r.Succeeded, FieldKind.Boolean, "True when OpenMetadata accepted the request.", sort: false)
        .Field("errorCode", r => r.ErrorCode, FieldKind.String, "Why it failed: OPENMETADATA_REFUSED or OPENMETADATA_UNREACHABLE.")
        .Field("errorMessage", r => r.ErrorMessage, FieldKind.String, "What went wrong, with OpenMetadata's own message.")
        .KeyedBy(("number", SortDirection.Desc));
}
