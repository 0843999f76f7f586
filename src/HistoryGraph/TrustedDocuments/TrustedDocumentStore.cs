using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HistoryGraph.TrustedDocuments;

/// Every trusted document, held in memory so that a request by id, known or not, costs no
/// query: the files' (read at start-up) and those admins registered (read from the store at
/// start-up and every RefreshSeconds, and at once on the instance that registers them).
public sealed class TrustedDocumentStore(IDbContextFactory<HistoryDbContext> contexts, IOptions<TrustedDocumentsOptions> options, TimeProvider clock,
    ILogger<TrustedDocumentStore> logger)
{
    /// Registered at once: enough for an application's documents, not a way to fill the store.
    public const int MaxPerRegistration = 500;
    public const int MaxDocumentChars = 100_000;

    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);
    private DateTime _readUpTo = DateTime.MinValue;

    public int Count => _documents.Count;

    /// The document with this SHA-256 (lowercase hex), or null.
    public string? Find(string hash) => _documents.GetValueOrDefault(hash);

    public static string HashOf(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// Reads the directory and the manifest, if configured. A file whose name is not its
    /// content's hash is left out, with an error in the log: it would run another document
    /// than the one its clients asked for.
    public void LoadFiles()
    {
        var settings = options.Value;
        if (settings.Directory is { Length: > 0 } directory)
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.graphql"))
            {
                var text = File.ReadAllText(file);
                var named = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
                if (named.StartsWith("sha256:", StringComparison.Ordinal))
                    named = named[7..];
                Add(named, text, file);
            }
        }
        if (settings.Manifest is { Length: > 0 } manifest)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            if (!json.RootElement.TryGetProperty("operations", out var operations) || operations.ValueKind != JsonValueKind.Array)
                throw new InvalidOperationException($"{manifest} is not an Apollo persisted query manifest: it has no \"operations\" list.");
            foreach (var operation in operations.EnumerateArray())
                Add(operation.GetProperty("id").GetString() ?? "", operation.GetProperty("body").GetString() ?? "", manifest);
        }
        logger.LogInformation("{Count} trusted documents read from files", _documents.Count);
    }

    /// Reads a map of persisted documents (`{"sha256:<hex>": "<document>", ...}`, as GraphQL Code
    /// Generator's client preset writes it): the documents an application was built with.
    public void LoadMap(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        if (json.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"{file} is not a map of persisted documents: its root is not an object.");
        var before = _documents.Count;
        foreach (var document in json.RootElement.EnumerateObject())
        {
            var hash = document.Name.StartsWith("sha256:", StringComparison.Ordinal) ? document.Name[7..] : document.Name;
            Add(hash.ToLowerInvariant(), document.Value.GetString() ?? "", file);
        }
        logger.LogInformation("{Count} trusted documents read from {File}", _documents.Count - before, file);
    }

    private void Add(string hash, string text, string source)
    {
        if (HashOf(text) != hash)
        {
            logger.LogError("Trusted document {Hash} in {Source} left out: its SHA-256 is {Actual}", hash, source, HashOf(text));
            return;
        }
        _documents[hash] = text;
    }

    /// Reads what was registered since the last read (on any instance).
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // From a little before the last one read: a registration committing late is not missed.
        var since = _readUpTo == DateTime.MinValue ? DateTime.MinValue : _readUpTo.AddMinutes(-1);
        var added = await db.TrustedDocuments.AsNoTracking().Where(d => d.RegisteredAt >= since).Select(d => new { d.Hash, d.Document, d.RegisteredAt }).ToListAsync(cancellationToken);
        foreach (var document in added)
        {
            _documents[document.Hash] = document.Document;
            if (document.RegisteredAt > _readUpTo)
                _readUpTo = document.RegisteredAt;
        }
    }

    /// Registers documents (each must parse); the stored row of each, new or already there.
    public async Task<List<TrustedDocument>> RegisterAsync(IReadOnlyList<string> documents, string registeredBy, CancellationToken cancellationToken)
    {
        if (documents.Count is 0 or > MaxPerRegistration)
            throw new ArgumentException($"Register 1 to {MaxPerRegistration} documents at once.");
        var rows = new List<TrustedDocument>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var text in documents)
        {
            if (text.Length > MaxDocumentChars)
                throw new ArgumentException($"A trusted document is at most {MaxDocumentChars} characters.");
            GraphQLDocument parsed;
            try
            {
                parsed = Parser.Parse(text);
            }
            catch (GraphQLSyntaxErrorException ex)
            {
                throw new ArgumentException($"A document does not parse: {ex.Description} (line {ex.Location.Line}, column {ex.Location.Column}).");
            }
            var names = string.Join(",", parsed.Definitions.OfType<GraphQLOperationDefinition>().Select(o => o.Name?.StringValue ?? "(anonymous)"));
            rows.Add(new TrustedDocument { Hash = HashOf(text), Document = text, OperationNames = names, RegisteredAt = now, RegisteredBy = registeredBy });
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hashes = rows.Select(r => r.Hash).ToList();
        var existing = await db.TrustedDocuments.AsNoTracking().Where(d => hashes.Contains(d.Hash)).ToDictionaryAsync(d => d.Hash, cancellationToken);
        var added = rows.Where(r => !existing.ContainsKey(r.Hash)).DistinctBy(r => r.Hash).ToList();
        db.TrustedDocuments.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var row in rows)
            _documents[row.Hash] = row.Document;
        logger.LogInformation("{Added} trusted documents registered by {By} ({Known} known already)", added.Count, registeredBy, rows.Count - added.Count);
        return [.. rows.Select(r => existing.GetValueOrDefault(r.Hash) ?? r).DistinctBy(r => r.Hash)];
    }

    /// The registered documents, newest first.
    public async Task<List<TrustedDocument>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.TrustedDocuments.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(d => d.RegisteredAt).ThenBy(d => d.Hash, StringComparer.Ordinal)];
    }
}
