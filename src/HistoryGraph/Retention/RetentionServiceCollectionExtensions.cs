namespace HistoryGraph.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// The purge, with its settings validated at start-up; the server adds the schedule.
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.KeepDays is null or >= 0, "Retention:KeepDays must be 0 or more days (unset keeps everything).")
            .Validate(o => o.BatchSize > 0, "Retention:BatchSize must be positive.")
            .Validate(o => o.TryParseSchedule(out _), "Retention:Schedule must be a cron expression, such as `0 3 * * *` (daily at 03:00 UTC).")
            .ValidateOnStart();
        services.AddSingleton<HistoryPurge>();
        return services;
    }

    /// The purge on Retention:Schedule and at start-up (not in a maintenance command).
    public static IServiceCollection AddRetentionSchedule(this IServiceCollection services) => services.AddHostedService<RetentionSchedule>();
}
