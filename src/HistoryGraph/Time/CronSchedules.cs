using Cronos;

namespace HistoryGraph.Time;

/// Cron expressions as settings and targets give them: five fields, or six when the first gives seconds.
public static class CronSchedules
{
    public static CronExpression? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var format = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.TryParse(text, format, out var expression) ? expression : null;
    }
}
