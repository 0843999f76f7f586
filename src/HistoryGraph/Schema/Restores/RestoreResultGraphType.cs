using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Restores;

/// What `restoreEntity` answers: the attempt as recorded, its outcome first.
public sealed class RestoreResultGraphType : ObjectGraphType<RestoreAttempt>
{
    public RestoreResultGraphType()
    {
        Name = "RestoreResult";
        Description = "The outcome of a restore: whether OpenMetadata accepted it, and the recorded attempt.";
        Field<NonNullGraphType<BooleanGraphType>>("succeeded").Description("True when OpenMetadata accepted the request; its webhook for the restore follows.").Resolve(c => c.Source.Succeeded);
        Field<StringGraphType>("errorCode").Description("OPENMETADATA_REFUSED or OPENMETADATA_UNREACHABLE when it failed.").Resolve(c => c.Source.ErrorCode);
        Field<StringGraphType>("message").Description("What went wrong, with OpenMetadata's own message; null on success.").Resolve(c => c.Source.ErrorMessage);
        Field<JsonGraphType>("entity").Description("The entity as OpenMetadata answered with it, on success.")
            .Resolve(c => c.Source.Succeeded && c.Source.ResponseBody is { } body ? JsonText.ParseOrText(body) : null);
        Field<NonNullGraphType<RestoreAttemptGraphType>>("attempt").Description("The attempt as recorded (also in `restoreAttempts`).").Resolve(c => c.Source);
    }
}
