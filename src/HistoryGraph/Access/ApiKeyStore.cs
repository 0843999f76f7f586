using System.Collections.Concurrent;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Access;

/// The API keys kept in the history store: made, listed, revoked and rotated by the `keys`
/// command and the admin mutations, and looked up for every request that presents one.
/// Look-ups are kept for a few seconds (a request costs no query), so a key revoked on another
/// instance stops working there within CacheFor; on this one at once.
public sealed class ApiKeyStore(IDbContextFactory<HistoryDbContext> contexts, TimeProvider clock, ILogger<ApiKeyStore> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    /// Last use is written at most this often per key.
    public static readonly TimeSpan LastUseEvery = TimeSpan.FromMinutes(1);
    public const int MaxNameLength = 100;
    /// Ids looked up and kept; past this the cache starts again (a flood of made-up ids
    /// must not grow it without bound).
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset FetchedAt)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastUseWritten = new(StringComparer.Ordinal);
    private (bool Any, DateTimeOffset FetchedAt)? _anyKey;

    /// The key with this id as stored (revoked and expired ones too), or null.
    public async ValueTask<ApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached) && now - cached.FetchedAt < CacheFor)
            return cached.Key;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (_cache.Count >= MaxCached)
            _cache.Clear();
        _cache[id] = (key, now);
        return key;
    }

    /// Whether any key is stored (kept as long as look-ups): what a refusal explains.
    public async ValueTask<bool> AnyAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_anyKey is { } known && now - known.FetchedAt < CacheFor)
            return known.Any;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var any = await db.ApiKeys.AnyAsync(cancellationToken);
        _anyKey = (any, now);
        return any;
    }

    /// Why a stored key does not hold now, or null when it does.
    public string? Problem(ApiKey key)
    {
        if (key.RevokedAt is not null)
            return "revoked";
        if (key.ExpiresAt is { } expires && expires <= clock.GetUtcNow().UtcDateTime)
            return "expired";
        return null;
    }

    /// Records that a key was used, at most once a minute per key, without holding the request.
    public void NoteUsed(ApiKey key)
    {
        var now = clock.GetUtcNow();
        if (_lastUseWritten.TryGetValue(key.Id, out var written) && now - written < LastUseEvery)
            return;
        _lastUseWritten[key.Id] = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync();
                await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now.UtcDateTime));
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not record the use of API key {KeyId}", key.Id);
            }
        });
    }

    /// A new key: the row as stored, and the key's text, which is shown this once and kept nowhere.
    public async Task<CreatedApiKey> CreateAsync(string name, AccessRole role, DateTime? expiresAt, string createdBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var created = New(name, role, expiresAt, createdBy);
        db.ApiKeys.Add(created.Row);
        await db.SaveChangesAsync(cancellationToken);
        _anyKey = null;
        logger.LogInformation("API key {KeyId} ({Name}, {Role}) created by {By}", created.Row.Id, created.Row.Name, created.Row.Role, createdBy);
        return new CreatedApiKey(created.Row, created.Key);
    }

    public async Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return [.. keys.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)];
    }

    /// Revokes a key at once (revoking a revoked key changes nothing).
    public async Task<ApiKey> RevokeAsync(string id, string revokedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await Stored(db, id, cancellationToken);
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("API key {KeyId} ({Name}) revoked by {By}", key.Id, key.Name, revokedBy);
        }
        _cache.TryRemove(id, out _);
        return key;
    }

    /// A new key with the old one's name and role; the old one keeps working for `overlap`
    /// (or until it would have expired, if sooner), so clients can move over without a gap.
    public async Task<CreatedApiKey> RotateAsync(string id, TimeSpan overlap, DateTime? expiresAt, string rotatedBy, CancellationToken cancellationToken)
    {
        if (overlap < TimeSpan.Zero || overlap > TimeSpan.FromDays(365))
            throw new KeyManagementException("INVALID_ARGUMENT", "The overlap must be between 0 and 365 days.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var old = await Stored(db, id, cancellationToken);
        if (Problem(old) is { } problem)
            throw new KeyManagementException("INVALID_ARGUMENT", $"Key {id} is {problem}: create a new key instead of rotating it.");
        var created = New(old.Name, old.Role, expiresAt, rotatedBy);
        var until = clock.GetUtcNow().UtcDateTime + overlap;
        old.ExpiresAt = old.ExpiresAt is { } expires && expires < until ? expires : until;
        old.RotatedTo = created.Row.Id;
        db.ApiKeys.Add(created.Row);
        await db.SaveChangesAsync(cancellationToken);
        _cache.TryRemove(id, out _);
        logger.LogInformation("API key {KeyId} ({Name}) rotated to {NewKeyId} by {By}; the old key expires at {Expires:o}", old.Id, old.Name, created.Row.Id, rotatedBy, old.ExpiresAt);
        return new CreatedApiKey(created.Row, created.Key, old);
    }

    private (ApiKey Row, string Key) New(string name, AccessRole role, DateTime? expiresAt, string createdBy)
    {
        name = name.Trim();
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
            throw new KeyManagementException("INVALID_ARGUMENT", $"A key's name is 1 to {MaxNameLength} characters with no control characters.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (expiresAt is { } expires && expires.ToUniversalTime() <= now)
            throw new KeyManagementException("INVALID_ARGUMENT", "The expiry must be in the future.");
        var (id, key) = ApiKeyText.New();
        var row = new ApiKey
        {
            Id = id,
            Name = name,
            Role = role,
            SecretHash = ApiKeyText.Hash(key),
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = expiresAt?.ToUniversalTime(),
        };
        return (row, key);
    }

    private static async Task<ApiKey> Stored(HistoryDbContext db, string id, CancellationToken cancellationToken) =>
        (ApiKeyText.IsId(id) ? await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken) : null)
        ?? throw new KeyManagementException("KEY_NOT_FOUND", $"There is no API key with id '{id}'.");
}
