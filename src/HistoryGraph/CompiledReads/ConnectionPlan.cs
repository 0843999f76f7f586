using System.Collections.Concurrent;
using System.Linq.Expressions;
using GraphQL.Types;
using GraphQLParser.AST;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Conventions.Paging;
using HistoryGraph.Conventions.Projections;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace HistoryGraph.CompiledReads;

/// A connection field of a document as the compiled path reads it: the columns its selection
/// shows, the connections under its rows, and how the response is laid out. Made once for a
/// cached document; the arguments' values are read for each request (PageQuery).
public sealed class ConnectionPlan(ConnectionSource source, FieldType field, GraphQLField ast, IModel model, IModel designModel, LambdaExpression? rowsCondition)
{
    public ConnectionSource Source { get; } = source;
    public FieldType Field { get; } = field;
    public GraphQLField Ast { get; } = ast;
    public IModel Model { get; } = model;
    public IModel DesignModel { get; } = designModel;

    /// The condition of the connection's rows beyond its table (`db.Table.Where(...)`), if any.
    public LambdaExpression? RowsCondition { get; } = rowsCondition;

    /// The connection object's selected fields, in response order.
    public IReadOnlyList<OutputField> Fields { get; private set; } = [];

    /// What the statement reads of each row, each once however often selected: the declared
    /// columns shown, and the members the fields computed from their row read.
    public List<LambdaExpression> Columns { get; } = [];

    private readonly Dictionary<object, int> _columnIndexes = [];
    private readonly List<(RowValue Value, (int Column, Action<object, object?> Set)[] Members)> _computed = [];

    /// The connections under each row.
    public List<ConnectionPlan> Children { get; } = [];

    public bool CountsTotal { get; private set; }

    /// The selection's fields of a type, fragments and directives applied, by response key.
    public delegate Dictionary<string, (GraphQLField Field, FieldType Definition)> FieldCollector(IGraphType type, GraphQLSelectionSet? selection);

    /// The plan of a connection field, or NotCompilableException when its selection asks for
    /// anything but declared columns, `__typename` and connections the declarations describe.
    public static ConnectionPlan Build(ConnectionSource source, FieldType field, GraphQLField ast, HistoryDbContext db, FieldCollector collect)
    {
        var plan = new ConnectionPlan(source, field, ast, db.Model, db.GetService<IDesignTimeModel>().Model, RowsConditionOf(source.Rows(db).Expression));
        var connectionType = GraphTypes.Unwrap(field.ResolvedType) as IObjectGraphType ?? throw new NotCompilableException($"{field.Name} is not a connection.");
        var nodeType = GraphTypes.Unwrap(connectionType.GetField("nodes")?.ResolvedType) as IObjectGraphType ?? throw new NotCompilableException($"{field.Name} has no nodes.");
        var edgeType = GraphTypes.Unwrap(connectionType.GetField("edges")?.ResolvedType) as IObjectGraphType ?? throw new NotCompilableException($"{field.Name} has no edges.");
        var fields = new List<OutputField>();
        foreach (var (key, (selected, definition)) in collect(connectionType, ast.SelectionSet))
        {
            fields.Add(selected.Name.StringValue switch
            {
                "nodes" => new OutputField(key, OutputKind.Nodes, Fields: plan.Row(nodeType, selected.SelectionSet, db, collect)),
                "edges" => new OutputField(key, OutputKind.Edges, Fields: collect(edgeType, selected.SelectionSet).Select(edge => edge.Value.Field.Name.StringValue switch
                {
                    "cursor" => new OutputField(edge.Key, OutputKind.Cursor),
                    "node" => new OutputField(edge.Key, OutputKind.Node, Fields: plan.Row(nodeType, edge.Value.Field.SelectionSet, db, collect)),
                    "__typename" => new OutputField(edge.Key, OutputKind.TypeName, Text: edgeType.Name),
                    var other => throw new NotCompilableException($"edges.{other}"),
                }).ToList()),
                "pageInfo" => new OutputField(key, OutputKind.PageInfo, Fields: collect(GraphTypes.Unwrap(definition.ResolvedType)!, selected.SelectionSet).Select(info => new OutputField(info.Key, info.Value.Field.Name.StringValue switch
                {
                    "hasNextPage" => OutputKind.HasNextPage,
                    "hasPreviousPage" => OutputKind.HasPreviousPage,
                    "startCursor" => OutputKind.StartCursor,
                    "endCursor" => OutputKind.EndCursor,
                    "__typename" => OutputKind.TypeName,
                    var other => throw new NotCompilableException($"pageInfo.{other}"),
                }, Text: GraphTypes.Unwrap(definition.ResolvedType)!.Name)).ToList()),
                "totalCount" => new OutputField(key, OutputKind.TotalCount),
                "__typename" => new OutputField(key, OutputKind.TypeName, Text: connectionType.Name),
                var other => throw new NotCompilableException($"{field.Name}.{other}"),
            });
            plan.CountsTotal |= selected.Name.StringValue == "totalCount";
        }
        plan.Fields = fields;
        return plan;
    }

    private List<OutputField> Row(IObjectGraphType nodeType, GraphQLSelectionSet? selection, HistoryDbContext db, FieldCollector collect)
    {
        var fields = new List<OutputField>();
        foreach (var (key, (selected, definition)) in collect(nodeType, selection))
        {
            if (selected.Name.StringValue == "__typename")
            {
                fields.Add(new OutputField(key, OutputKind.TypeName, Text: nodeType.Name));
                continue;
            }
            var type = GraphTypes.Unwrap(definition.ResolvedType);
            if (ColumnFields.ColumnOf(definition) is { } column)
            {
                var list = (definition.ResolvedType is NonNullGraphType { ResolvedType: ListGraphType } or ListGraphType);
                fields.Add(new OutputField(key, OutputKind.Column, Column(column, column.Expression), Scalar(type, definition), list));
                continue;
            }
            if (ColumnFields.RowValueOf(definition) is { } computed && definition.ResolvedType is not (ListGraphType or NonNullGraphType { ResolvedType: ListGraphType }))
            {
                var rowType = Source.Declaration.RowType;
                var members = computed.Members.Select(member => (Column(member, Member(rowType, member)), Setter(rowType, member))).ToArray();
                _computed.Add((computed, members));
                fields.Add(new OutputField(key, OutputKind.Computed, _computed.Count - 1, Scalar(type, definition)));
                continue;
            }
            if (ConnectionSource.Of(definition) is { ChildKey: not null } nested)
            {
                Children.Add(Build(nested, definition, selected, db, collect));
                fields.Add(new OutputField(key, OutputKind.Connection, Children.Count - 1));
                continue;
            }
            throw new NotCompilableException($"{nodeType.Name}.{definition.Name} is not a column.");
        }
        return fields;
    }

    private int Column(object identity, LambdaExpression read)
    {
        if (!_columnIndexes.TryGetValue(identity, out var index))
        {
            index = _columnIndexes[identity] = Columns.Count;
            Columns.Add(read);
        }
        return index;
    }

    private static ScalarGraphType Scalar(IGraphType? type, FieldType definition) =>
        type as ScalarGraphType ?? throw new NotCompilableException($"{definition.Name} is not a scalar.");

    /// A computed field's value for a row of which the statement read `columns`: computed as
    /// the resolver computes it, from a row holding the members it reads.
    public object? Compute(int index, object?[] columns)
    {
        var (value, members) = _computed[index];
        var row = Activator.CreateInstance(Source.Declaration.RowType)!;
        foreach (var (column, set) in members)
            set(row, columns[column]);
        return value.Compute(row);
    }

    private static LambdaExpression Member(Type rowType, string member)
    {
        var row = Expression.Parameter(rowType, "row");
        return Expression.Lambda(Expression.PropertyOrField(row, member), row);
    }

    private static readonly ConcurrentDictionary<(Type, string), Action<object, object?>> Setters = new();

    private static Action<object, object?> Setter(Type rowType, string member) => Setters.GetOrAdd((rowType, member), key =>
    {
        var row = Expression.Parameter(typeof(object), "row");
        var value = Expression.Parameter(typeof(object), "value");
        var target = Expression.PropertyOrField(Expression.Convert(row, key.Item1), key.Item2);
        return Expression.Lambda<Action<object, object?>>(Expression.Assign(target, Expression.Convert(value, target.Type)), row, value).Compile();
    });

    /// `db.Table` has no condition; `db.Table.Where(row => ...)` has that one.
    private static LambdaExpression? RowsConditionOf(Expression rows) => rows switch
    {
        EntityQueryRootExpression => null,
        MethodCallExpression { Method.Name: nameof(Queryable.Where), Arguments: [EntityQueryRootExpression, UnaryExpression { Operand: LambdaExpression condition }] } => condition,
        _ => throw new NotCompilableException("The connection's rows are not a table."),
    };
}
