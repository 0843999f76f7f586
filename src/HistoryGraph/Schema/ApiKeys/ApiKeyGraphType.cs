using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.ApiKeys;

public sealed class ApiKeyGraphType : ObjectGraphType<ApiKey>
{
    public ApiKeyGraphType()
    {
        Name = "ApiKey";
        Description = "An API key as stored: never its secret, which is shown once when the key is made.";
        Field(k => k.Id).Description("The key's public id: the part after `hg_` and before the secret; logs name keys by it.");
        Field(k => k.Name).Description("What the key is for.");
        Field<NonNullGraphType<AccessRoleGraphType>>("role").Description("What the key may do.").Resolve(c => c.Source.Role);
        Field(k => k.CreatedAt).Description("When the key was made.");
        Field(k => k.CreatedBy).Description("Who made it: an admin key's name, or `cli` for the `keys` command.");
        Field(k => k.LastUsedAt, nullable: true).Description("When the key was last used (recorded at most once a minute), or null.");
        Field(k => k.ExpiresAt, nullable: true).Description("When the key stops working, or null for never.");
        Field(k => k.RevokedAt, nullable: true).Description("When the key was revoked, or null.");
        Field(k => k.RotatedTo, nullable: true).Description("The id of the key that replaced this one, when it was rotated.");
    }
}
