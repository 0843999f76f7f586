using System.Linq.Expressions;
using System.Text.Json;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Conventions.Expressions;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Conventions.Sorting;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Loading;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Conventions.Paging;

/// Adds a Relay connection field with `first/after/last/before`, `where:` and `order:`, all of
/// it translated into one SQL statement (two when totalCount is selected).
public static class ConnectionFields
{
    public static FieldBuilder<object?, object> Connection<TRow>(
        this ObjectGraphType parent, string name, string description, QueryableType<TRow> declaration,
        Func<HistoryDbContext, IQueryable<TRow>> source) where TRow : class
    {
        var field = parent.Connection(name, description, declaration, (db, _) => source(db));
        new ConnectionSourceOf<TRow>(declaration, source).AttachTo(field.FieldType);
        return field;
    }

    /// A connection whose rows depend on the field's own arguments or on who asks.
    public static FieldBuilder<object?, object> Connection<TRow>(
        this ObjectGraphType parent, string name, string description, QueryableType<TRow> declaration,
        Func<HistoryDbContext, IResolveFieldContext, IQueryable<TRow>> source) where TRow : class =>
        parent.Connection(name, description, declaration, (db, context) => Task.FromResult(source(db, context)));

    /// The same, with the arguments checked against the store first (the catalog as of a time).
    public static FieldBuilder<object?, object> Connection<TRow>(
        this ObjectGraphType parent, string name, string description, QueryableType<TRow> declaration,
        Func<HistoryDbContext, IResolveFieldContext, Task<IQueryable<TRow>>> source) where TRow : class
    {
        return parent.Field<NonNullGraphType<ConnectionGraphType<TRow>>>(name)
            .Description(description)
            .PagingArguments<object?, TRow>(declaration)
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                var where = context.GetFilter();
                await using var db = await services.GetRequiredService<IDbContextFactory<HistoryDbContext>>().CreateDbContextAsync(context.CancellationToken);
                var query = (await source(db, context)).AsNoTracking();
                if (FilterExpressions.Build(declaration, where, db.Tables()) is { } predicate)
                    query = query.Where(predicate);
                var request = new PageRequest(context.GetArgument<int?>("first"), context.GetArgument<string?>("after"), context.GetArgument<int?>("last"), context.GetArgument<string?>("before"));
                var order = context.GetArgument<List<Dictionary<string, object?>>?>("order")?.Cast<IDictionary<string, object?>>().ToList();
                var countTotal = context.SubFields?.ContainsKey("totalCount") == true;
                var shape = ColumnSelection.Shape(declaration, context, db.Model, order);
                return await KeysetPaging.PageAsync(query, declaration, order, request, services.GetRequiredService<IOptions<PagingOptions>>().Value, countTotal, shape, db.Provider, context.CancellationToken);
            });
    }

    /// A connection under each parent (an entity's versions, a user's changes). The first page of
    /// every parent comes from one query for all of them; later pages (after, before, last) are
    /// one query for the parent that asks.
    public static void NestedConnection<TParentRow, TRow, TKey>(
        this ObjectGraphType<TParentRow> parent, string name, string description, QueryableType<TRow> declaration,
        Func<HistoryDbContext, IQueryable<TRow>> source, Expression<Func<TRow, TKey>> childKey,
        Func<HistoryDbContext, IQueryable<TParentRow>> parents, Expression<Func<TParentRow, TKey>> parentKeyExpression)
        where TParentRow : class where TRow : class where TKey : notnull
    {
        var field = parent.Field<NonNullGraphType<ConnectionGraphType<TRow>>>(name)
            .Description(description)
            .PagingArguments<TParentRow, TRow>(declaration)
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                var contexts = services.GetRequiredService<IDbContextFactory<HistoryDbContext>>();
                var paging = services.GetRequiredService<IOptions<PagingOptions>>().Value;
                var where = context.GetFilter();
                var order = context.GetArgument<List<Dictionary<string, object?>>?>("order")?.Cast<IDictionary<string, object?>>().ToList();
                var request = new PageRequest(context.GetArgument<int?>("first"), context.GetArgument<string?>("after"), context.GetArgument<int?>("last"), context.GetArgument<string?>("before"));
                var countTotal = context.SubFields?.ContainsKey("totalCount") == true;
                var key = CompiledKeys<TParentRow, TKey>.Of(parentKeyExpression)(context.Source);

                if (request.After is not null || request.Before is not null || request.Last is not null)
                    return await OnePageAsync(contexts, source, where, childKey, key, declaration, order, request, paging, countTotal, context, context.CancellationToken);

                var size = request.First ?? paging.DefaultPageSize;
                if (size < 0 || size > paging.MaxPageSize)
                    return await OnePageAsync(contexts, source, where, childKey, key, declaration, order, request, paging, countTotal, context, context.CancellationToken);

                var signature = $"{string.Join('/', context.ResponsePath.Where(p => p is string))}|{JsonSerializer.Serialize(context.Arguments?.ToDictionary(a => a.Key, a => a.Value.Value))}|{countTotal}";
                var loader = services.GetRequiredService<ConnectionLoaders>().For<TKey, Connection<TRow>>(signature, () => new(async (keys, ct) =>
                {
                    await using var db = await contexts.CreateDbContextAsync(ct);
                    var rows = source(db);
                    var query = rows.AsNoTracking();
                    var filter = FilterExpressions.Build(declaration, where, db.Tables());
                    if (filter is not null)
                        query = query.Where(filter);
                    var shape = ColumnSelection.Shape(declaration, context, db.Model, order, childKey);
                    // When the children are a whole table (the source is a DbSet, not some of its
                    // rows) and no filter applies, PostgreSQL can take each parent's first rows by
                    // LATERAL, which reads the table alone.
                    var lateralOn = db is PostgresHistoryDbContext && filter is null && rows.Expression is EntityQueryRootExpression ? db : null;
                    var pages = await KeysetPaging.FirstPagesAsync(parents(db).AsNoTracking(), parentKeyExpression, keys, query, childKey, declaration, order, size, shape, db.Provider, lateralOn, ct);
                    var counts = countTotal ? await CountsAsync(query, childKey, keys, ct) : null;
                    return keys.ToDictionary(k => k, k =>
                    {
                        var page = pages.GetValueOrDefault(k) ?? new Connection<TRow>([], PageInfo.Of<TRow>([], hasNextPage: false, hasPreviousPage: false), null);
                        return page with { TotalCount = counts?.GetValueOrDefault(k) };
                    });
                }));
                // Deferred: GraphQL.NET resolves every parent's Load of this level, then the batch runs once.
                return (object)loader.Load(key);
            })
            .Reads(parentKeyExpression);
        new ConnectionSourceOf<TRow>(declaration, source) { ChildKey = childKey, ParentKey = parentKeyExpression }.AttachTo(field.FieldType);
    }

    private static async Task<Connection<TRow>> OnePageAsync<TRow, TKey>(
        IDbContextFactory<HistoryDbContext> contexts, Func<HistoryDbContext, IQueryable<TRow>> source, Dictionary<string, object?>? where,
        Expression<Func<TRow, TKey>> childKey, TKey key, QueryableType<TRow> declaration, IReadOnlyList<IDictionary<string, object?>>? order,
        PageRequest request, PagingOptions paging, bool countTotal, IResolveFieldContext context, CancellationToken cancellationToken) where TRow : class
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = source(db).AsNoTracking().Where(Expression.Lambda<Func<TRow, bool>>(
            Expression.Equal(childKey.Body, Expression.Constant(key, typeof(TKey))), childKey.Parameters));
        if (FilterExpressions.Build(declaration, where, db.Tables()) is { } filter)
            query = query.Where(filter);
        return await KeysetPaging.PageAsync(query, declaration, order, request, paging, countTotal, ColumnSelection.Shape(declaration, context, db.Model, order), db.Provider, cancellationToken);
    }

    private static async Task<Dictionary<TKey, int>> CountsAsync<TRow, TKey>(IQueryable<TRow> query, Expression<Func<TRow, TKey>> childKey, IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var list = keys.ToList();
        var inKeys = Expression.Lambda<Func<TRow, bool>>(
            StaticMethodCalls.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], Expression.Property(Expression.Constant(new { list }), "list"), childKey.Body),
            childKey.Parameters);
        return await query.Where(inKeys).GroupBy(childKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    private static FieldBuilder<TSource, object> PagingArguments<TSource, TRow>(this FieldBuilder<TSource, object> field, QueryableType<TRow> declaration) =>
        field
            .Argument<IntGraphType>("first", "How many items from the start (or from `after`).")
            .Argument<StringGraphType>("after", "Cursor after which the page starts.")
            .Argument<IntGraphType>("last", "How many items from the end (or before `before`).")
            .Argument<StringGraphType>("before", "Cursor before which the page ends.")
            .Argument<FilterInputGraphType<TRow>>("where", "Conditions the items must meet.")
            .Argument<ListGraphType<NonNullGraphType<SortInputGraphType<TRow>>>>("order", $"The order; ends with {string.Join(", ", declaration.Key.Select(k => $"`{k.Field.Name}`"))} so that it is total.");
}
