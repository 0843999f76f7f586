namespace HistoryGraph.Restore;

public static class RestoreServiceCollectionExtensions
{
    /// Restoring a deleted entity into OpenMetadata from its last stored version.
    public static IServiceCollection AddRestore(this IServiceCollection services) => services.AddSingleton<EntityRestorer>();
}
