using System.Reflection;
using GraphQL.Types;

namespace HistoryGraph.Conventions.Extending;

public static class ObjectTypeExtensions
{
    /// Applies the extensions of a type in the order of their names, so that the schema's
    /// field order does not depend on the order the assembly lists its types in.
    public static void ApplyExtensions<TSource>(this ObjectGraphType<TSource> type, IEnumerable<IObjectTypeExtension<TSource>> extensions)
    {
        foreach (var extension in extensions.OrderBy(e => e.GetType().FullName, StringComparer.Ordinal))
            extension.Extend(type);
    }

    /// Registers every `IObjectTypeExtension<T>` the assembly implements.
    public static IServiceCollection AddObjectTypeExtensions(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IObjectTypeExtension<>)))
                services.AddSingleton(contract, type);
        }
        return services;
    }
}
