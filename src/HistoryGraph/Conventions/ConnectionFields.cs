using GraphQL;
using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Conventions;

/// Adds a Relay connection field with `first/after/last/before`, `where:` and `order:`, all of
/// it translated into one SQL statement (two when totalCount is selected).
public static class ConnectionFields
{
    public static void Connection<TRow, TConnection, TFilter, TSort>(
        this ObjectGraphType parent, string name, string description, QueryableType<TRow> declaration,
        Func<HistoryDbContext, IQueryable<TRow>> source)
        where TRow : class where TConnection : IGraphType where TFilter : IGraphType where TSort : IGraphType
    {
        parent.Field<NonNullGraphType<TConnection>>(name)
            .Description(description)
            .Argument<IntGraphType>("first", "How many items from the start (or from `after`).")
            .Argument<StringGraphType>("after", "Cursor after which the page starts.")
            .Argument<IntGraphType>("last", "How many items from the end (or before `before`).")
            .Argument<StringGraphType>("before", "Cursor before which the page ends.")
            .Argument<TFilter>("where", "Conditions the items must meet.")
            .Argument<ListGraphType<NonNullGraphType<TSort>>>("order", $"The order; ends with {string.Join(", ", declaration.Key.Select(k => $"`{k.Field.Name}`"))} so that it is total.")
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                await using var db = await services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync(context.CancellationToken);
                var query = source(db).AsNoTracking();
                if (FilterExpressions.Build(declaration, context.GetArgument<Dictionary<string, object?>?>("where")) is { } predicate)
                    query = query.Where(predicate);
                var request = new PageRequest(context.GetArgument<int?>("first"), context.GetArgument<string?>("after"), context.GetArgument<int?>("last"), context.GetArgument<string?>("before"));
                var order = context.GetArgument<List<Dictionary<string, object?>>?>("order")?.Cast<IDictionary<string, object?>>().ToList();
                var countTotal = context.SubFields?.ContainsKey("totalCount") == true;
                return await KeysetPaging.PageAsync(query, declaration, order, request, services.GetRequiredService<IOptions<PagingOptions>>().Value, countTotal, context.CancellationToken);
            });
    }
}
