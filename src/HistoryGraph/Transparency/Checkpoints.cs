using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using HistoryGraph.Ingestion.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Transparency;

/// Makes and reads signed checkpoints of the committed tree (C2SP tlog-checkpoint in a signed
/// note). A checkpoint is due once Transparency:CheckpointEvents events were stored since the
/// last one, or CheckpointMinutes passed with any stored, or when asked (shutdown).
public sealed class Checkpoints(
    IDbContextFactory<HistoryDbContext> contexts,
    LogKeys keys,
    IOptions<TransparencyOptions> options,
    TimeProvider time,
    HistoryMetrics metrics,
    ILogger<Checkpoints> logger)
{
    /// Raised with every checkpoint this instance made (published to notification targets).
    public event Func<LogCheckpoint, CancellationToken, Task>? Made;

    /// Makes a checkpoint when one is due (any new event when `force`); returns it, or null.
    public async Task<LogCheckpoint?> MakeIfDueAsync(bool force, CancellationToken cancellationToken)
    {
        using var primary = StandbyReads.Primary(); // it stores the checkpoint, whoever asks
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (size, root) = await new StoredTree(db).HeadAsync(cancellationToken);
        var signer = await keys.SignerAsync(cancellationToken);
        var last = await db.LogCheckpoints.AsNoTracking().Where(c => c.KeyHash == signer.Hash).OrderByDescending(c => c.TreeSize)
            .Select(c => new { c.TreeSize, c.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        if (size == 0 || size <= (last?.TreeSize ?? 0))
            return null;
        var now = time.GetUtcNow().UtcDateTime;
        var due = force || last is null || size - last.TreeSize >= options.Value.CheckpointEvents
            || now - last.CreatedAt >= TimeSpan.FromMinutes(options.Value.CheckpointMinutes);
        if (!due)
            return null;

        var body = new Checkpoint(await keys.OriginAsync(cancellationToken), size, root).Body();
        var checkpoint = new LogCheckpoint
        {
            TreeSize = size,
            RootHash = root,
            Note = SignedNote.Sign(body, [signer]),
            KeyName = signer.Name,
            KeyHash = signer.Hash,
            VerifierKey = signer.VerifierKey,
            CreatedAt = now,
        };
        db.LogCheckpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            // Another instance signed the same tree first; anything else is a failure.
            if (await again.LogCheckpoints.AnyAsync(c => c.TreeSize == size && c.KeyHash == signer.Hash, cancellationToken))
                return null;
            throw;
        }
        logger.LogInformation("Checkpoint of {Size} events signed by {Key}", size, signer.Name);
        metrics.CheckpointsMade.Add(1);
        if (Made is { } made)
            await made(checkpoint, cancellationToken);
        return checkpoint;
    }

    /// The newest checkpoint (the largest tree), or null before the first.
    public async Task<LogCheckpoint?> LatestAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
