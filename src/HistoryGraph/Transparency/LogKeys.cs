using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Transparency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Transparency;

/// The key that signs checkpoints, the keys whose checkpoints are trusted, and the log's origin.
/// A configured key (Transparency:SigningKey or SigningKeyFile) signs; without one, the key the
/// server made and kept in the store does (made on first use, the same for every instance).
/// Trusted: the signing key, the configured TrustedKeys (earlier keys) and the keys the server
/// made, never a key read from a checkpoint.
public sealed class LogKeys(IOptions<TransparencyOptions> options, IDbContextFactory<HistoryDbContext> contexts, ILogger<LogKeys> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (NoteKey Signer, IReadOnlyList<NoteKey> Trusted)? _keys;

    /// The configured signer key, if any (checked at start-up).
    public static NoteKey? Configured(TransparencyOptions options)
    {
        var text = options.SigningKey;
        if (string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(options.SigningKeyFile))
            text = File.ReadAllText(options.SigningKeyFile);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var key = NoteKey.Parse(text.Trim());
        return key.CanSign ? key : throw new FormatException("Transparency:SigningKey is a verifier key; checkpoints need the signer key (PRIVATE+KEY+...).");
    }

    public async Task<NoteKey> SignerAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).Signer;

    public async Task<IReadOnlyList<NoteKey>> TrustedAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).Trusted;

    public async Task<string> OriginAsync(CancellationToken cancellationToken) =>
        options.Value.Origin is { Length: > 0 } origin ? origin : (await SignerAsync(cancellationToken)).Name;

    private async Task<(NoteKey Signer, IReadOnlyList<NoteKey> Trusted)> LoadAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } loaded)
            return loaded;
        using var primary = StandbyReads.Primary(); // a key made here is stored
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is { } again)
                return again;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var made = (await db.LogSigningKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.SignerKey).ToListAsync(cancellationToken)).Select(NoteKey.Parse).ToList();
            var signer = Configured(options.Value);
            if (signer is null)
            {
                if (made.Count == 0)
                    made.Add(await MakeKeyAsync(db, cancellationToken));
                signer = made[0];
                logger.LogWarning("Transparency:SigningKey is not set: checkpoints are signed with key {Key}, which the server keeps in the store. " +
                    "Whoever can read the store can sign with it; set a key of your own to make checkpoints proof against the store's administrators", signer.VerifierKey);
            }
            var trusted = new List<NoteKey> { signer.Verifier };
            trusted.AddRange(options.Value.TrustedKeys.Select(k => NoteKey.Parse(k.Trim()).Verifier));
            trusted.AddRange(made.Select(k => k.Verifier));
            _keys = (signer, trusted.DistinctBy(k => k.VerifierKey).ToList());
            return _keys.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// Instances starting together both find no key: the first one stored wins (lowest id).
    private static async Task<NoteKey> MakeKeyAsync(HistoryDbContext db, CancellationToken cancellationToken)
    {
        var key = NoteKey.Generate($"historygraph-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}");
        db.LogSigningKeys.Add(new LogSigningKey { SignerKey = key.SignerKey, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        var first = await db.LogSigningKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.SignerKey).FirstAsync(cancellationToken);
        return NoteKey.Parse(first);
    }
}
