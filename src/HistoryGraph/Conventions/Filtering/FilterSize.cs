using System.Collections;
using GraphQL;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Conventions.Filtering;

/// Refuses a `where:` argument beyond FilterOptions before anything is built from it. The walk
/// itself stops at the first limit passed, so its cost is bounded by the limits, not the input.
public static class FilterSize
{
    /// The resolver's `where:` argument, checked.
    public static Dictionary<string, object?>? GetFilter(this IResolveFieldContext context)
    {
        var where = context.GetArgument<Dictionary<string, object?>?>("where");
        if (where is not null)
            Check(where, context.RequestServices!.GetRequiredService<IOptions<FilterOptions>>().Value);
        return where;
    }

    /// Conditions are the operations on fields (`eq`, `in`, `some`...) and the items of `and`
    /// and `or` lists; depth counts nested input objects.
    public static void Check(IDictionary<string, object?> where, FilterOptions limits)
    {
        var conditions = 0;
        Walk(where, 1);

        void CountCondition()
        {
            if (++conditions > limits.MaxConditions)
                throw new ExecutionError($"The filter has more than {limits.MaxConditions} conditions (GraphQL:Filter:MaxConditions); split the question or use `in`.") { Code = "FILTER_TOO_LARGE" };
        }

        void Walk(IDictionary<string, object?> node, int depth)
        {
            if (depth > limits.MaxDepth)
                throw new ExecutionError($"The filter is nested deeper than {limits.MaxDepth} levels (GraphQL:Filter:MaxDepth).") { Code = "FILTER_TOO_DEEP" };
            foreach (var (_, value) in node)
            {
                switch (value)
                {
                    case IDictionary<string, object?> inner:
                        Walk(inner, depth + 1);
                        break;
                    case IEnumerable items and not string:
                        var count = 0;
                        foreach (var item in items)
                        {
                            if (++count > limits.MaxListValues)
                                throw new ExecutionError($"A filter list has more than {limits.MaxListValues} values (GraphQL:Filter:MaxListValues).") { Code = "FILTER_TOO_LARGE" };
                            if (item is IDictionary<string, object?> alternative)
                            {
                                CountCondition();
                                Walk(alternative, depth + 1);
                            }
                        }
                        CountCondition(); // the list itself: `in: [...]` is one condition however many values
                        break;
                    default:
                        CountCondition();
                        break;
                }
            }
        }
    }
}
