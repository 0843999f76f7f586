using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HistoryGraph.Ingestion.Storage;

/// Stores made by the builds before 1.0, whose migrations the 1.0 baseline replaced. One that
/// went through every pre-release migration holds the baseline's tables, indexes and keys (its
/// only differences are column order and the defaults that adding columns left), so it is taken
/// as it is: the baseline is recorded as applied. One that stopped half-way is refused with what
/// to do, rather than failing inside a migration.
internal static class PreReleaseStores
{
    // The last pre-release migration of each provider, and the prefix they all share.
    private const string PreReleasePrefix = "202611";
    private static readonly string[] FinalMigrations = ["20261128213426_Notifications", "20261128213448_Notifications"];

    /// Adopts or refuses a store whose applied migrations this release does not know; true when it adopted one.
    public static async Task<bool> AdoptAsync(HistoryDbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var unknown = applied.Where(id => !known.Contains(id, StringComparer.Ordinal)).ToList();
        var later = unknown.Where(id => !id.StartsWith(PreReleasePrefix, StringComparison.Ordinal)).ToList();
        if (later.Count > 0)
            throw new StoreFromOtherReleaseException(
                $"The {db.Provider} history store holds migrations this release does not know ({string.Join(", ", later)}): it was made by a later release. Run that release, or this one on a new store.");
        var baseline = known.Order(StringComparer.Ordinal).First();
        if (unknown.Count == 0 || applied.Contains(baseline, StringComparer.Ordinal))
            return false;
        if (!FinalMigrations.Contains(unknown[^1]))
            throw new StoreFromOtherReleaseException(
                $"The {db.Provider} history store was made by a build before 1.0 and stopped at its migration {unknown[^1]}. " +
                "Start that build once more so that it applies the rest of its migrations (or start 1.0 on a new store); 1.0 then takes the store as it is.");
        var history = db.GetService<IHistoryRepository>();
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
        return true;
    }
}
