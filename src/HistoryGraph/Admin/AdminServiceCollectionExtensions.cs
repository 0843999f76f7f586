namespace HistoryGraph.Admin;

public static class AdminServiceCollectionExtensions
{
    /// Who may run admin operations.
    public static IServiceCollection AddAdminAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.AddSingleton<AdminAccess>();
        return services;
    }
}
