using System.Text.Json;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Transparency;
using HistoryGraph.Transparency;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Export;

/// A log bundle (GET /export?format=ndjson&proofs=true, the `bundle` command): a first line
/// (BundleHeader) with the newest checkpoint, made now so that it covers everything stored, then
/// the events the request selects, in sequence order, each with its bytes as received, its rows,
/// its leaf and its inclusion proof into that checkpoint's tree (BundledEvent). Without filters
/// it holds every sequence of the tree, purged ones as redacted. `verify --bundle` checks it
/// with no database, and so does the script in the README.
public sealed class EventBundle(IDbContextFactory<HistoryDbContext> contexts, Checkpoints checkpoints, PayloadCodec codec, ExportQueries queries)
{
    private const int PageSize = 500;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// Writes the bundle; returns how many events it holds. Throws ExportArgumentException for a
    /// filter that selects field changes, not events (category).
    public async Task<long> WriteAsync(ExportRequest request, Stream output, Action<long>? progress, CancellationToken cancellationToken)
    {
        Check(request);
        await checkpoints.MakeIfDueAsync(force: true, cancellationToken);
        var checkpoint = await checkpoints.LatestAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var size = checkpoint?.TreeSize ?? 0;
        var origin = checkpoint is null ? "" : Checkpoint.Parse(SignedNote.Parse(checkpoint.Note).Text).Origin;
        await WriteLineAsync(output, new BundleHeader(BundleHeader.FormatName, 1, origin, size, Convert.ToBase64String(checkpoint?.RootHash ?? MerkleHashes.Empty),
            checkpoint?.Note ?? "", checkpoint?.VerifierKey ?? ""), cancellationToken);

        var tree = new StoredTree(db);
        var everything = IsWhole(request);
        long written = 0, after = 0;
        while (true)
        {
            var (page, changes) = await queries.RunAsync(async () =>
            {
                var events = await Selected(db, request, after, size).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken);
                var numbers = events.Select(e => e.Sequence).ToList();
                return (events, (await db.FieldChanges.AsNoTracking().Where(f => numbers.Contains(f.EventSequence)).ToListAsync(cancellationToken)).ToLookup(f => f.EventSequence));
            }, cancellationToken);
            var last = page.Count == PageSize ? page[^1].Sequence : size;
            var sequences = page.Select(e => e.Sequence).ToList();
            var rows = page.ToDictionary(e => e.Sequence);
            // Without filters every sequence up to the page's last is written, purged ones redacted.
            var wanted = everything ? Enumerable.Range(0, (int)(last - after)).Select(i => after + 1 + i) : sequences;
            foreach (var sequence in wanted)
            {
                var leaf = await tree.LeafHashAsync(sequence - 1, cancellationToken);
                var proof = (await tree.InclusionProofAsync(sequence - 1, size, cancellationToken)).Select(Convert.ToBase64String).ToList();
                BundledEvent line;
                if (rows.TryGetValue(sequence, out var row))
                {
                    var raw = codec.Unpack(row.Payload);
                    var stored = changes[sequence].OrderBy(c => c.Ordinal).ToList();
                    var data = EventLeaf.DataOf(row, raw, stored);
                    line = new BundledEvent(sequence, false, Convert.ToBase64String(leaf), proof, Convert.ToBase64String(data), Convert.ToBase64String(raw), row.ReceivedAt,
                        BundledRow.Of(row), stored.Select(BundledFieldChange.Of).ToList());
                }
                else
                    line = new BundledEvent(sequence, true, Convert.ToBase64String(leaf), proof);
                await WriteLineAsync(output, line, cancellationToken);
                progress?.Invoke(++written);
            }
            if (last >= size || page.Count < PageSize)
                break;
            after = last;
        }
        return written;
    }

    /// How many events the bundle of this request would hold (for a progress bar).
    public async Task<long> CountAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (size, _) = await new StoredTree(db).HeadAsync(cancellationToken);
        return IsWhole(request) ? size : await Selected(db, request, 0, size).LongCountAsync(cancellationToken);
    }

    /// Throws ExportArgumentException for a filter a bundle cannot take: category selects field
    /// changes, and a bundle holds whole events. Checked before anything is written.
    public static void Check(ExportRequest request)
    {
        if (request.Category is not null)
            throw new ExportArgumentException("category selects field changes; a bundle holds whole events (filter by from, to, entityType, fqnPrefix, user or eventType).");
    }

    /// No filter: the bundle holds every sequence of the tree.
    private static bool IsWhole(ExportRequest request) =>
        request is { From: null, To: null, EntityType: null, FqnPrefix: null, User: null, EventType: null };

    private static IQueryable<ChangeEvent> Selected(HistoryDbContext db, ExportRequest request, long after, long size)
    {
        var query = db.ChangeEvents.AsNoTracking().Where(e => e.Sequence > after && e.Sequence <= size);
        if (request.From is { } from)
            query = query.Where(e => e.Timestamp >= from);
        if (request.To is { } to)
            query = query.Where(e => e.Timestamp < to);
        if (request.EntityType is { } type)
            query = query.Where(e => e.EntityType == type);
        if (request.FqnPrefix is { } prefix)
            query = query.Where(e => e.EntityFqn != null && e.EntityFqn.StartsWith(prefix));
        if (request.User is { } user)
            query = query.Where(e => e.UserName == user);
        if (request.EventType is { } eventType)
            query = query.Where(e => e.EventType == eventType);
        return query;
    }

    private static async Task WriteLineAsync<T>(Stream output, T line, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(output, line, BundleJson.Options, cancellationToken);
        await output.WriteAsync(NewLine, cancellationToken);
    }
}
