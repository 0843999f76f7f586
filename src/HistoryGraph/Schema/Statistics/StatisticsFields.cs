using HistoryGraph.Ingestion.Statistics;
using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Statistics;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Schema.Statistics;

/// `changeStats`, `topEntities` and `topUsers`: how much change happens, for dashboards.
public static class StatisticsFields
{
    private const int MaxRanked = 100;

    public static void AddStatistics(this ObjectGraphType query)
    {
        var changeStats = query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeStatsBucketGraphType>>>>("changeStats")
            .Description($"Change events per time bucket between `from` and `to`, empty buckets included, optionally counted by groups. At most {StatsBuckets.MaxBuckets} buckets.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Where the first bucket starts (inclusive).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "Where the last bucket ends (exclusive).");
        ChangeStatsArgumentFields.Declare(changeStats)
            .ResolveAsync(async context =>
            {
                var arguments = ChangeStatsArgumentFields.Of(context);
                await using var db = await context.Contexts().CreateDbContextAsync(context.CancellationToken);
                return await ChangeStatistics.ComputeAsync(db, Utc(context, "from"), Utc(context, "to"), arguments, context.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityChangeCountGraphType>>>>("topEntities")
            .Description("The entities with the most change events between `from` and `to`, most first (ties by id).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Start of the window (inclusive).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "End of the window (exclusive).")
            .Argument<IntGraphType>("first", $"How many, at most {MaxRanked}.", a => a.DefaultValue = 10)
            .Argument<FilterInputGraphType<ChangeEvent>>("where", "Count only the events that match, as the `events` query filters them.")
            .ResolveAsync(async context =>
            {
                await using var db = await context.Contexts().CreateDbContextAsync(context.CancellationToken);
                return await RankedCounts.TopEntitiesAsync(db, Utc(context, "from"), Utc(context, "to"), First(context),
                    context.GetFilter(), context.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserChangeCountGraphType>>>>("topUsers")
            .Description("The users and bots with the most change events between `from` and `to`, most first (ties by name); with `kind`, only the people, the bots or the agents (an agent is ranked by the changes it made for people).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Start of the window (inclusive).")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "End of the window (exclusive).")
            .Argument<IntGraphType>("first", $"How many, at most {MaxRanked}.", a => a.DefaultValue = 10)
            .Argument<BooleanGraphType>("excludeBots", "Leave bots out.", a => a.DefaultValue = false)
            .Argument<ActorKindGraphType>("kind", "Only people working themselves (HUMAN), bots acting as themselves (BOT), or agents acting for people (AGENT, named by the events' `impersonatedBy`).")
            .ResolveAsync(async context =>
            {
                var first = First(context);
                var actors = await ActorCountsOnceAsync(context, Utc(context, "from"), Utc(context, "to"));
                return RankedCounts.TopUsers(actors, first, context.GetArgument<bool?>("excludeBots") ?? false, context.GetArgument<ActorKind?>("kind"));
            });
    }

    /// The window's actor counts, read once per request: a dashboard ranks people, bots and
    /// agents of the same window side by side, three fields that would otherwise each read it.
    private static Task<IReadOnlyList<RankedCounts.ActorCount>> ActorCountsOnceAsync(IResolveFieldContext context, DateTime from, DateTime to)
    {
        var key = $"HistoryGraph.ActorCounts:{from.Ticks}:{to.Ticks}";
        // Fields of a query resolve in parallel.
        lock (context.UserContext)
        {
            if (context.UserContext.TryGetValue(key, out var read) && read is Task<IReadOnlyList<RankedCounts.ActorCount>> task)
                return task;
            var started = ReadAsync();
            context.UserContext[key] = started;
            return started;
        }

        async Task<IReadOnlyList<RankedCounts.ActorCount>> ReadAsync()
        {
            await using var db = await context.Contexts().CreateDbContextAsync(context.CancellationToken);
            return await RankedCounts.ActorCountsAsync(db, from, to, context.CancellationToken);
        }
    }

    private static DateTime Utc(IResolveFieldContext context, string name) =>
        DateTime.SpecifyKind(context.GetArgument<DateTime>(name).ToUniversalTime(), DateTimeKind.Utc);

    private static int First(IResolveFieldContext context) => context.GetArgument<int?>("first") is int first and >= 1 and <= MaxRanked
        ? first
        : throw new ExecutionError($"`first` must be between 1 and {MaxRanked}.") { Code = "INVALID_ARGUMENT" };
}
