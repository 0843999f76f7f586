using HistoryGraph.Access;
using HistoryGraph.Http;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Transparency;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Transparency;

/// The log as C2SP tlog-tiles serves one, so that standard clients and witnesses can follow it:
/// GET /checkpoint (the newest signed checkpoint, a text note) and GET /tile/<L>/<N>[.p/<W>]
/// (hash tiles; full ones never change and are cached for good). Readers may read both.
public static class TransparencyApi
{
    public static IEndpointRouteBuilder MapTransparency(this IEndpointRouteBuilder app)
    {
        app.MapGet("/checkpoint", CheckpointAsync).RequireRole(AccessRole.Reader, "Reading the log's checkpoint needs the reader role");
        app.MapGet("/tile/{level}/{**rest}", TileAsync).RequireRole(AccessRole.Reader, "Reading the log's tiles needs the reader role");
        return app;
    }

    private static async Task<IResult> CheckpointAsync(HttpContext http, Checkpoints checkpoints, StoreReadiness readiness, CancellationToken cancellationToken)
    {
        if (!readiness.IsReady)
            return Problems.Unavailable(http, "The history store is not ready yet.");
        var latest = await checkpoints.LatestAsync(cancellationToken);
        if (latest is null)
            return Problems.Create(StatusCodes.Status404NotFound, "NO_CHECKPOINT", "No checkpoint yet", "No checkpoint has been signed yet: one is made once events are stored.");
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(latest.Note, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> TileAsync(HttpContext http, string level, string rest, IDbContextFactory<HistoryDbContext> contexts, StoreReadiness readiness,
        CancellationToken cancellationToken)
    {
        if (rest.StartsWith("entries/", StringComparison.Ordinal) || level == "entries")
            return Problems.Create(StatusCodes.Status404NotFound, "NOT_SERVED", "Entry bundles are not served",
                "Leaves are events: read them, with their proofs, through `eventProof` or /export?proofs=true.");
        if (TilePath.Parse(level, rest) is not { } path)
            return Problems.Create(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", "Not a tile path", "A tile is /tile/<L>/<N>[.p/<W>], N in groups of three digits (x001/x234/067).");
        if (!readiness.IsReady)
            return Problems.Unavailable(http, "The history store is not ready yet.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hashes = await new StoredTree(db).TileBytesAsync(path.Level, path.Index, cancellationToken);
        var wanted = path.Width ?? Tiles.Width;
        if (hashes.Length / MerkleHashes.Length < wanted)
            return Problems.Create(StatusCodes.Status404NotFound, "NO_SUCH_TILE", "No such tile", $"Tile {path} is not in the tree (yet).");
        http.Response.Headers.CacheControl = path.Width is null ? "public, max-age=31536000, immutable" : "no-store";
        return Results.Bytes(hashes.AsSpan(0, wanted * MerkleHashes.Length).ToArray(), "application/octet-stream");
    }
}
