namespace HistoryGraph.Backfill;

public static class BackfillServiceCollectionExtensions
{
    /// Backfill and version repair, validated at start-up; the server adds the schedule.
    public static IServiceCollection AddBackfill(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackfillOptions>().Bind(configuration.GetSection(BackfillOptions.Section))
            .Validate(o => o.Interval is null || o.Interval > TimeSpan.Zero, "Backfill:Interval must be a positive time span, such as 01:00:00.")
            .Validate(o => o.Lookback is null || o.Lookback > TimeSpan.Zero, "Backfill:Lookback must be a positive time span, such as 02:00:00.")
            .ValidateOnStart();
        services.AddSingleton<VersionRepair>();
        services.AddSingleton<EventBackfill>();
        return services;
    }

    /// The backfill that runs every Backfill:Interval (not in a maintenance command).
    public static IServiceCollection AddBackfillSchedule(this IServiceCollection services) => services.AddHostedService<BackfillSchedule>();
}
