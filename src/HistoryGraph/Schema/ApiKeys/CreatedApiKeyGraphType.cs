using GraphQL.Types;
using HistoryGraph.Access;

namespace HistoryGraph.Schema.ApiKeys;

public sealed class CreatedApiKeyGraphType : ObjectGraphType<CreatedApiKey>
{
    public CreatedApiKeyGraphType()
    {
        Name = "CreatedApiKey";
        Description = "A new key: its secret text, shown this once and kept nowhere (only its SHA-256 is stored).";
        Field(k => k.Key).Description("The key to present as `Authorization: Bearer <key>` or `X-Api-Key`.");
        Field<NonNullGraphType<ApiKeyGraphType>>("apiKey").Description("The key as stored.").Resolve(c => c.Source.Row);
        Field<ApiKeyGraphType>("replaced").Description("For a rotation: the old key, which now expires at the end of the overlap.").Resolve(c => c.Source.Replaced);
    }
}
