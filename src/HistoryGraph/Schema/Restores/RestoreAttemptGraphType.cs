using System.Globalization;
using GraphQL.Types;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Schema.Entities;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Restores;

public sealed class RestoreAttemptGraphType : ObjectGraphType<RestoreAttempt>
{
    public const string TypeName = "RestoreAttempt";

    public RestoreAttemptGraphType()
    {
        Name = TypeName;
        Description = "One request to bring a deleted entity back in OpenMetadata, with OpenMetadata's answer.";
        this.ImplementsNode(TypeName, row => row.Id.ToString(CultureInfo.InvariantCulture));
        this.ColumnsOf(RestoreAttemptQueryable.Declaration);
        Field<NonNullGraphType<JsonGraphType>>("requestBody").Description("The JSON body sent.")
            .Resolve(c => JsonText.Parse(c.Source.RequestBody)).Reads((RestoreAttempt r) => r.RequestBody);
        Field<JsonGraphType>("responseBody").Description("OpenMetadata's answer (JSON when it is, else its text); null when it did not answer.")
            .Resolve(c => c.Source.ResponseBody is { } body ? JsonText.ParseOrText(body) : null).Reads((RestoreAttempt r) => r.ResponseBody);
        Field<EntityGraphType>("entity").Description("The entity in its current state in the history.")
            .Resolve(c => c.Loaders().Entities.Load(c.Source.EntityId)).Reads((RestoreAttempt r) => r.EntityId);
    }
}
