namespace HistoryGraph.Completeness;

public static class CompletenessServiceCollectionExtensions
{
    /// The reconciler and its schedule.
    public static IServiceCollection AddCompleteness(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.Section))
            .Validate(o => o.WindowMinutes >= 1, "Reconciliation:WindowMinutes must be at least 1.")
            .Validate(o => o.MaxWindowsPerPass >= 1, "Reconciliation:MaxWindowsPerPass must be at least 1.")
            .Validate(o => o.PassIntervalSeconds >= 1, "Reconciliation:PassIntervalSeconds must be at least 1.")
            .Validate(o => o.LogRetentionDays >= 0, "Reconciliation:LogRetentionDays must be 0 or more.")
            .ValidateOnStart();
        services.AddSingleton<Reconciler>();
        services.AddHostedService<ReconciliationSchedule>();
        return services;
    }
}
