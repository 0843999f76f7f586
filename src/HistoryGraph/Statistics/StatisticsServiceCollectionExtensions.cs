namespace HistoryGraph.Statistics;

public static class StatisticsServiceCollectionExtensions
{
    /// The live change statistics that `changeStats` subscriptions share.
    public static IServiceCollection AddChangeStatistics(this IServiceCollection services) => services.AddSingleton<LiveChangeStats>();
}
