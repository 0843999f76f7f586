using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Resolvers;
using GraphQL.Types;
using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Conventions.Projections;

/// What each output field reads of its row, kept on the field so that a page can read just the
/// columns its selection needs (ColumnSelection). A field that says nothing makes its page read
/// every column: forgetting to declare costs speed, never a wrong answer.
public static class ColumnFields
{
    private const string ReadsKey = "HistoryGraph.Reads";
    private const string ColumnKey = "HistoryGraph.Column";
    private const string RowValueKey = "HistoryGraph.RowValue";

    /// Adds an output field for every column the declaration names, in its order: its name,
    /// description and type (non-null where the row's member is), resolved from the row, reading
    /// the members its expression reads. A stored field is then declared once, for filtering,
    /// sorting, cursors and output alike; the object type adds only what is not a column.
    public static void ColumnsOf<TRow>(this ComplexGraphType<TRow> type, QueryableType<TRow> declaration)
    {
        foreach (var column in declaration.Fields.Where(f => f.Kind != FieldKind.Relation))
        {
            var row = column.Expression.Parameters[0];
            var read = Expression.Lambda<Func<TRow, object?>>(Expression.Convert(column.Expression.Body, typeof(object)), row).Compile();
            var field = new FieldType
            {
                Name = column.Name,
                Description = column.Description,
                Type = OutputType(column),
                Resolver = new FuncFieldResolver<TRow, object?>(context => read(context.Source)),
            };
            field.WithMetadata(ReadsKey, MembersOf(column.Expression).ToArray());
            field.WithMetadata(ColumnKey, column);
            type.AddField(field);
        }
    }

    /// Adds the output field of every relation the declaration names, in its order: the related
    /// object's graph type (a list of them, or never null, where the relation says so), loaded as
    /// the relation says, reading the members it names. Called where the relations stand among
    /// the object type's own fields.
    public static void RelationsOf<TRow>(this ComplexGraphType<TRow> type, QueryableType<TRow> declaration)
    {
        foreach (var relation in declaration.Fields.Where(f => f.Kind == FieldKind.Relation))
        {
            var output = relation.Output!;
            var graphType = relation.RelatedGraphType!();
            if (output.Many)
                graphType = typeof(NonNullGraphType<>).MakeGenericType(typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(graphType)));
            else if (output.Required)
                graphType = typeof(NonNullGraphType<>).MakeGenericType(graphType);
            var field = new FieldType
            {
                Name = relation.Name,
                Description = relation.Description,
                Type = graphType,
                Resolver = new FuncFieldResolver<TRow, object?>(context => output.Load(context)),
            };
            field.WithMetadata(ReadsKey, MembersOf(output.Reads).ToArray());
            type.AddField(field);
        }
    }

    /// Declares the row members a field's own resolver reads (a loader's key, a column it decodes).
    public static FieldBuilder<TRow, TReturn> Reads<TRow, TReturn>(this FieldBuilder<TRow, TReturn> field, params LambdaExpression[] columns)
    {
        var members = columns.SelectMany(MembersOf).Concat(ReadsOf(field.FieldType) ?? []).Distinct(StringComparer.Ordinal).ToArray();
        field.FieldType.WithMetadata(ReadsKey, members);
        return field;
    }

    /// Resolves the field from its row alone, reading the members `reads` names: said so that a
    /// compiled statement can read those members and compute the field the same way.
    public static FieldBuilder<TRow, TReturn> ResolveFromRow<TRow, TReturn>(this FieldBuilder<TRow, TReturn> field, Func<TRow, TReturn?> compute, params LambdaExpression[] reads)
    {
        field.Resolve(context => compute(context.Source)).Reads(reads);
        field.FieldType.WithMetadata(RowValueKey, new RowValue(row => compute((TRow)row), reads.SelectMany(MembersOf).Distinct(StringComparer.Ordinal).ToArray()));
        return field;
    }

    /// How a field computed from its row alone computes it, or null for any other field.
    public static RowValue? RowValueOf(FieldType field) => field.GetMetadata<RowValue?>(RowValueKey);

    /// The declared column an output field shows as it is, or null for any other field.
    public static QueryableField? ColumnOf(FieldType field) => field.GetMetadata<QueryableField?>(ColumnKey);

    /// The row members the field declared, or null when it declared none.
    public static string[]? ReadsOf(FieldType field) => field.GetMetadata<string[]?>(ReadsKey);

    private static Type OutputType(QueryableField column)
    {
        // A property says whether it holds nulls; a computed value (`row.A == x`) is not null
        // unless its type is a nullable value type. A context per call: NullabilityInfoContext
        // is not thread-safe, and schemas may be built at once (several servers in a process).
        var nullability = (column.Expression.Body as MemberExpression)?.Member is PropertyInfo property
            ? new NullabilityInfoContext().Create(property)
            : null;
        var notNull = nullability?.ReadState == NullabilityState.NotNull
            || (nullability is null && column.ClrType.IsValueType && Nullable.GetUnderlyingType(column.ClrType) is null);
        var type = column.Kind switch
        {
            FieldKind.String => typeof(StringGraphType),
            FieldKind.Long => typeof(LongGraphType),
            FieldKind.Decimal => typeof(DecimalGraphType),
            FieldKind.DateTime => typeof(DateTimeGraphType),
            FieldKind.Uuid => typeof(UuidGraphType),
            FieldKind.Boolean => typeof(BooleanGraphType),
            FieldKind.Enum => column.EnumType!,
            FieldKind.StringList => typeof(ListGraphType<>).MakeGenericType(NonNullIf(nullability?.GenericTypeArguments[0].ReadState == NullabilityState.NotNull, typeof(StringGraphType))),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, null),
        };
        return NonNullIf(notNull, type);
    }

    private static Type NonNullIf(bool notNull, Type graphType) => notNull ? typeof(NonNullGraphType<>).MakeGenericType(graphType) : graphType;

    // Found once for each expression: those asked about per request are the declarations' own.
    private static readonly ConditionalWeakTable<LambdaExpression, IReadOnlyCollection<string>> Members = new();

    /// The members of the lambda's parameter that its body reads (`row => $"{row.A}:{row.B}"`: A and B).
    public static IReadOnlyCollection<string> MembersOf(LambdaExpression expression) => Members.GetValue(expression, lambda =>
    {
        var finder = new MemberFinder(lambda.Parameters[0]);
        finder.Visit(lambda.Body);
        return finder.Members;
    });

    private sealed class MemberFinder(ParameterExpression row) : ExpressionVisitor
    {
        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == row)
                Members.Add(node.Member.Name);
            return base.VisitMember(node);
        }
    }
}
