using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace HistoryGraph.Conventions;

/// What each output field reads of its row, kept on the field so that a page can read just the
/// columns its selection needs (ColumnSelection). A field that says nothing makes its page read
/// every column: forgetting to declare costs speed, never a wrong answer.
public static class ColumnFields
{
    private const string ReadsKey = "HistoryGraph.Reads";

    /// Resolves the field to one member of the row, and declares that it reads it.
    public static FieldBuilder<TRow, object> Column<TRow, TValue>(this FieldBuilder<TRow, object> field, Expression<Func<TRow, TValue>> column)
    {
        var read = column.Compile();
        return field.Resolve(context => read(context.Source)).Reads(column);
    }

    /// Declares the row members a field's own resolver reads (a loader's key, a column it decodes).
    public static FieldBuilder<TRow, TReturn> Reads<TRow, TReturn>(this FieldBuilder<TRow, TReturn> field, params LambdaExpression[] columns)
    {
        var members = columns.SelectMany(MembersOf).Concat(ReadsOf(field.FieldType) ?? []).Distinct(StringComparer.Ordinal).ToArray();
        field.FieldType.WithMetadata(ReadsKey, members);
        return field;
    }

    /// The row members the field declared, or null when it declared none.
    public static string[]? ReadsOf(FieldType field) => field.GetMetadata<string[]?>(ReadsKey);

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
