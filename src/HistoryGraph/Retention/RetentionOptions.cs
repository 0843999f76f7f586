using Cronos;
using HistoryGraph.Time;

namespace HistoryGraph.Retention;

/// Section "Retention": how long the history keeps events, field changes and versions.
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// Days of history to keep; unset (the default): keep everything forever.
    public int? KeepDays { get; set; }

    /// When the scheduled purge runs, as a cron expression in UTC (default: daily at 03:00);
    /// six fields when the first gives seconds.
    public string Schedule { get; set; } = "0 3 * * *";

    public bool TryParseSchedule(out CronExpression? schedule) => (schedule = CronSchedules.Parse(Schedule)) is not null;

    /// Events examined per batch. Each batch is one short transaction, so writers wait at most
    /// one batch.
    public int BatchSize { get; set; } = 2000;
}
