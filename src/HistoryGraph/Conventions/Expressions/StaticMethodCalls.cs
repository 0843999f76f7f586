using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace HistoryGraph.Conventions.Expressions;

/// Expression.Call(typeof(Queryable), "OrderBy", types, arguments), but with the method found
/// once. Expression.Call searches every public method of the type by reflection on each call,
/// which was a twentieth of a history page's server CPU; the closed methods never change.
public static class StaticMethodCalls
{
    private static readonly ConcurrentDictionary<Key, MethodInfo> Methods = new();

    public static MethodCallExpression Call(Type owner, string name, Type[] typeArguments, params Expression[] arguments)
    {
        if (typeArguments.Length > 2 || arguments.Length > 2)
            return Expression.Call(owner, name, typeArguments, arguments);
        // The argument types are part of the key: overloads with as many parameters differ in
        // them (Select with and without the index).
        var key = new Key(owner, name, typeArguments.ElementAtOrDefault(0), typeArguments.ElementAtOrDefault(1),
            arguments.ElementAtOrDefault(0)?.Type, arguments.ElementAtOrDefault(1)?.Type);
        var method = Methods.GetOrAdd(key, _ => Expression.Call(owner, name, typeArguments, arguments).Method);
        return Expression.Call(method, arguments);
    }

    private readonly record struct Key(Type Owner, string Name, Type? First, Type? Second, Type? FirstArgument, Type? SecondArgument);
}
