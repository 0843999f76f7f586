using GraphQL.Types;
using HistoryGraph.Access;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.ApiKeys;

/// Who the request runs as, so that a client (the dashboard) shows what the caller may do
/// instead of finding out by being refused.
public sealed class ViewerGraphType : ObjectGraphType<Caller>
{
    public ViewerGraphType()
    {
        Name = "Viewer";
        Description = "The caller a request runs as: its roles and name, never its secret.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("A key's id and name, a token's subject, `anonymous` or `development`.")
            .Resolve(context => context.Source.Name);
        Field<StringGraphType>("userName").Description("The catalog user a token speaks for, as OpenMetadata names users (the part before `@` of the first of `email`, `preferred_username` and `sub`; `Auth:Issuers:N:UserNameClaims`). Null for a key or an anonymous caller.")
            .Resolve(context => context.Source.UserName);
        Field<NonNullGraphType<BooleanGraphType>>("anonymous").Description("True when the request presented no key or token.")
            .Resolve(context => context.Source.IsAnonymous);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessRoleGraphType>>>>("roles").Description("What the caller may do.")
            .Resolve(context => context.Source.Roles.Order().ToList());
        Field<NonNullGraphType<BooleanGraphType>>("admin").Description("True when the caller has the admin role (mutations, exports, restores).")
            .Resolve(context => context.Source.May(AccessRole.Admin));
        Field<DateTimeGraphType>("expiresAt").Description("When the caller's key or token stops working, or null.")
            .Resolve(context => context.Source.ExpiresAt?.UtcDateTime);
    }
}
