using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Time;

namespace HistoryGraph.Backfill;

/// `HistoryGraph backfill --since=<time> [--until=<time>]`: the backfill and gap repair of the
/// `backfill` mutation, against the configured store and OpenMetadata; prints the report.
/// Exit code 0 when it ran through (gaps that OpenMetadata cannot fill any more are listed, not
/// failures), 1 when the version repair stopped early, 2 for bad options, 3 when OpenMetadata's
/// event log could not be read.
public static class BackfillCommand
{
    public const string Name = "backfill";

    public static IEnumerable<string> Options => ["since", "until"];

    public static async Task<int> RunAsync(IHost host, IConfiguration configuration)
    {
        if (!TryInstant(configuration["since"], "--since", required: true, out var since) || !TryInstant(configuration["until"], "--until", required: false, out var until))
            return 2;
        BackfillReport report;
        try
        {
            report = await host.Services.GetRequiredService<EventBackfill>().RunAsync(since!.Value, until, CancellationToken.None);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        catch (OpenMetadataException ex)
        {
            Console.Error.WriteLine($"{ex.Code}: {ex.Message}");
            return 3;
        }
        Console.WriteLine($"Read {report.Read} event(s) in {report.Pages} page(s) of OpenMetadata's event log: {report.Stored} stored, {report.AlreadyPresent} already present, " +
            $"{report.Rejected} unreadable (kept as rejected), {report.OutsideWindow} after --until.");
        var versions = report.Versions;
        Console.WriteLine($"Version gaps: {versions.GapsFound} found, {versions.VersionsStored} version(s) fetched and stored, {versions.StillMissing.Count} gap(s) still missing.");
        foreach (var gap in versions.StillMissing)
            Console.WriteLine($"  still missing: {gap.EntityType} {gap.Fqn ?? gap.EntityId.ToString()} between {gap.AfterVersion} and {gap.BeforeVersion}: " +
                (gap.Reason == MissingReason.NotInOpenMetadata ? "OpenMetadata no longer has these versions" : gap.Detail));
        if (versions.Error is not null)
            Console.Error.WriteLine($"Version repair stopped early: {versions.Error}");
        return versions.Error is null ? 0 : 1;
    }

    private static bool TryInstant(string? text, string name, bool required, out DateTime? instant)
    {
        instant = null;
        if (string.IsNullOrEmpty(text))
        {
            if (required)
                Console.Error.WriteLine($"{name} is required: {Instants.Expected}.");
            return !required;
        }
        if (Instants.TryParse(text, out var parsed))
        {
            instant = parsed;
            return true;
        }
        Console.Error.WriteLine($"{name} must be {Instants.Expected}.");
        return false;
    }
}
