namespace HistoryGraph.Ingestion.Notifications;

/// When a target gets a digest: a cron expression (five fields, or six with seconds) read in
/// the target's time zone, and whether a period without changes is reported too.
public sealed record DigestSchedule(DigestPeriod Period, string Cron, bool SendWhenEmpty);
