using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Ingestion.Storage;

/// Sends the reads of one request to a standby: inside a scope begun here, every context the
/// history factory makes in the same async flow comes from the standby pool. A caller that
/// names a sequence it must see (`HistoryGraph-Min-Sequence`, e.g. from a webhook's answer)
/// gets the standby only once it has replayed that far: it waits up to
/// Storage:StandbyWaitMilliseconds, then reads from the primary instead. So an answer is never
/// older than asked, and a standby that lags far behind costs a short wait, not a wrong answer.
public sealed class StandbyReads(
    [FromKeyedServices(StandbyReads.Key)] IDbContextFactory<HistoryDbContext> standby,
    StorageConnection connection,
    IOptions<StorageOptions> options,
    TimeProvider clock)
{
    public const string Key = "standby";

    private static readonly AsyncLocal<bool> OnStandby = new();

    /// Whether contexts made now, in this flow, read from the standby pool.
    public static bool Active => OnStandby.Value;

    /// Whether reads may go to a standby at all (PostgreSQL, several hosts, PreferStandby).
    public bool Enabled { get; } = connection.Provider == StorageProvider.PostgreSql && options.Value.ReadFrom == ReadTarget.PreferStandby;

    /// Whether this request may read from the standby: standbys are on and, when it names a
    /// sequence it must see, the standby has replayed that far within the wait.
    public async Task<bool> MayReadAsync(long? minSequence, CancellationToken cancellationToken) =>
        Enabled && (minSequence is not { } wanted || await CaughtUpAsync(wanted, cancellationToken));

    /// From here on (in the calling flow, until disposed) contexts come from the standby pool,
    /// when `standby` is true. Not async on purpose: an async-local value set inside an async
    /// method is undone when it returns.
    public static ReadScope Enter(bool standby)
    {
        if (standby)
            OnStandby.Value = true;
        return new ReadScope(standby);
    }

    /// Writes that a read may make (a checkpoint, a signing key) go to the primary even inside a scope.
    public static PrimaryScope Primary()
    {
        var was = OnStandby.Value;
        OnStandby.Value = false;
        return new PrimaryScope(was);
    }

    private async Task<bool> CaughtUpAsync(long sequence, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var wait = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.StandbyWaitMilliseconds));
        await using var db = await standby.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var replayed = await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
            if (replayed >= sequence)
                return true;
            if (clock.GetElapsedTime(started) >= wait)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(25), clock, cancellationToken);
        }
    }

    /// Ends a standby scope: the flow reads from the primary again.
    public readonly struct ReadScope(bool standby) : IDisposable
    {
        /// Whether this request reads from the standby pool ("standby") or the primary.
        public string Source => standby ? "standby" : "primary";

        public void Dispose()
        {
            if (standby)
                OnStandby.Value = false;
        }
    }

    public readonly struct PrimaryScope(bool was) : IDisposable
    {
        public void Dispose() => OnStandby.Value = was;
    }
}
