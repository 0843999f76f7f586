using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;
using GraphQLParser.AST;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HistoryGraph.CompiledReads;

/// Answers a query operation with one SQL statement per root field on PostgreSQL, where the
/// resolvers' path costs a statement per level, EF Core's pipeline, rows materialised and each
/// value resolved and serialised again. The plan of a document is made once (the document
/// cache hands every request the same document); each request reads its arguments, writes the
/// statement (prepared by Npgsql after a few uses) and writes the rows straight into the
/// response. A document the declarations do not describe in full runs through the resolvers.
public sealed class CompiledReader(
    CompiledReadConnections reads, IDbContextFactory<HistoryDbContext> contexts, IOptions<PagingOptions> paging, IOptions<FilterOptions> filters,
    IGraphQLTextSerializer serializer, ILogger<CompiledReader> logger)
{
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, Slot> _plans = new();
    private readonly ConditionalWeakTable<GraphQLDocument, object> _fixedDocuments = new();
    // The serializer's own settings (its encoder above all), so that a value is written here
    // byte for byte as the resolvers' path writes it; GraphQL.NET keeps them protected.
    private readonly JsonSerializerOptions _json = typeof(GraphQL.SystemTextJson.GraphQLSerializer)
        .GetProperty("SerializerOptions", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)?
        .GetValue(serializer) as JsonSerializerOptions ?? new JsonSerializerOptions();
    private static readonly object Fixed = new(), Varying = new();

    private sealed record Slot(OperationPlan? Plan);

    /// The plan of the request's operation, or null when a part of it does not compile.
    public OperationPlan? Plan(ExecutionContext context, ConnectionPlan.FieldCollector collect)
    {
        var fixedPlan = _fixedDocuments.GetValue(context.Document, document => OperationPlan.FixedFor(document) ? Fixed : Varying) == Fixed;
        if (fixedPlan && _plans.TryGetValue(context.Operation, out var slot))
            return slot.Plan;
        OperationPlan? plan;
        try
        {
            plan = Build(context, collect);
        }
        catch (NotCompilableException ex)
        {
            logger.LogDebug("Not compiled ({Reason}); the resolvers answer.", ex.Message);
            plan = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As for a failed read: this path's mistake, said loudly, and the resolvers answer.
            logger.LogError(ex, "A query could not be compiled; the resolvers answer it.");
            plan = null;
        }
        if (fixedPlan)
            _plans.AddOrUpdate(context.Operation, new Slot(plan));
        return plan;
    }

    private OperationPlan Build(ExecutionContext context, ConnectionPlan.FieldCollector collect)
    {
        using var db = contexts.CreateDbContext();
        var roots = new List<(string, ConnectionPlan?, string?)>();
        var queryType = context.Schema.Query;
        foreach (var (key, (field, definition)) in collect(queryType, context.Operation.SelectionSet))
        {
            if (field.Name.StringValue == "__typename")
                roots.Add((key, null, queryType.Name));
            else if (ConnectionSource.Of(definition) is { ChildKey: null } source)
                roots.Add((key, ConnectionPlan.Build(source, definition, field, db, collect), null));
            else
                throw new NotCompilableException($"Query.{definition.Name}");
        }
        return new OperationPlan(roots);
    }

    /// The response's `data`. Throws ExecutionError for arguments the resolvers refuse, and
    /// NotCompilableException for a filter or cursor that does not translate: the caller then
    /// lets the resolvers answer, with the error where it belongs.
    public async Task<RawJson> ExecuteAsync(OperationPlan plan, ExecutionContext context)
    {
        try
        {
            return await ReadAsync(plan, context);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ExecutionError or NotCompilableException))
        {
            // The compiled path never changes an answer: whatever fails here (the database
            // gone, this path's own mistake) is answered by the resolvers, with their errors
            // in their place. Its own mistakes are said loudly.
            if (!StorageFailure.IsUnavailable(ex))
                logger.LogError(ex, "The compiled read of a query failed; the resolvers answer it.");
            throw new NotCompilableException(ex.Message);
        }
    }

    private async Task<RawJson> ReadAsync(OperationPlan plan, ExecutionContext context)
    {
        var queries = plan.Roots.Select(root => root.Connection is { } connection ? PageQuery.Of(connection, context, paging.Value, filters.Value) : null).ToList();
        var statements = new List<StatementText?>();
        foreach (var query in queries)
        {
            if (query is null)
            {
                statements.Add(null);
                continue;
            }
            var statement = new StatementText(query.Plan.Model, query.Plan.DesignModel);
            query.WriteRoot(statement);
            statements.Add(statement);
        }

        var pages = new Page?[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            if (statements[i] is not { } statement)
                continue;
            await using var connection = await reads.For(statement).OpenConnectionAsync(context.CancellationToken);
            await using var command = statement.Command(connection);
            try
            {
                await using var reader = await command.ExecuteReaderAsync(context.CancellationToken);
                pages[i] = await queries[i]!.ReadAsync(reader, context.CancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState.StartsWith("42", StringComparison.Ordinal))
            {
                // A statement PostgreSQL does not accept is this code's mistake: said loudly, answered by the resolvers.
                logger.LogError(ex, "A compiled statement was refused: {Sql}", command.CommandText);
                throw new NotCompilableException(ex.MessageText);
            }
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = _json.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            for (var i = 0; i < queries.Count; i++)
            {
                writer.WritePropertyName(plan.Roots[i].Key);
                if (queries[i] is { } query)
                    ResponseWriter.WriteConnection(writer, query, pages[i]!, _json);
                else
                    writer.WriteStringValue(plan.Roots[i].TypeName);
            }
            writer.WriteEndObject();
        }
        return new RawJson(buffer.WrittenMemory);
    }
}
