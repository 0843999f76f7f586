using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Statistics;
using HistoryGraph.Ingestion.Storage;
using Microsoft.EntityFrameworkCore;

namespace HistoryGraph.Export;

/// Writes the field changes an export asks for, one line each, in sequence order, page by page
/// along the field changes' key: memory stays the size of one page however many rows there
/// are, and each page is sent before the next is read. Serves `/export` and the `export` command.
public static class FieldChangeExport
{
    private const int PageSize = 2_000;

    public static readonly string[] Columns =
        ["time", "sequence", "user", "isBot", "entityType", "fqn", "eventType", "version", "path", "column", "category", "changeType", "oldValue", "newValue"];

    /// How many rows the export will hold (for a progress bar).
    public static async Task<long> CountAsync(IDbContextFactory<HistoryDbContext> contexts, ExportRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Matching(db, request).LongCountAsync(cancellationToken);
    }

    /// Writes the export to `output`; returns the number of rows. `written` hears the running count after each page.
    /// queries: the server's bound on export page queries (none for the command's one export).
    public static async Task<long> WriteAsync(IDbContextFactory<HistoryDbContext> contexts, ExportRequest request, Stream output, Action<long>? written,
        CancellationToken cancellationToken, ExportQueries? queries = null)
    {
        await using RowWriter writer = request.Format == ExportFormat.Csv ? new CsvRows(output, request.Bom) : new JsonLines(output);
        writer.WriteHeader();
        var (afterSequence, afterOrdinal) = (-1L, -1);
        var rows = 0L;
        while (true)
        {
            var (s, o) = (afterSequence, afterOrdinal);
            async Task<List<ExportRow>> ReadPageAsync()
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                // `>= s` first: the range on the key's leading column that the index seeks to.
                return await Matching(db, request)
                    .Where(f => f.EventSequence >= s && (f.EventSequence > s || f.Ordinal > o))
                    .OrderBy(f => f.EventSequence).ThenBy(f => f.Ordinal)
                    .Take(PageSize)
                    .Select(f => new ExportRow(f.EventSequence, f.Ordinal, f.ChangedAt, f.ChangedBy,
                        db.Actors.Any(a => a.Name == f.ChangedBy && a.IsBot), f.EntityType, f.EntityFqn,
                        db.ChangeEvents.Where(e => e.Sequence == f.EventSequence).Select(e => e.EventType).First(),
                        f.Version, f.Path, f.Column, f.Category, f.ChangeType, f.OldValue, f.NewValue))
                    .ToListAsync(cancellationToken);
            }
            var page = queries is null ? await ReadPageAsync() : await queries.RunAsync(ReadPageAsync, cancellationToken);
            foreach (var row in page)
                writer.Write(row);
            await writer.FlushAsync(cancellationToken);
            rows += page.Count;
            written?.Invoke(rows);
            if (page.Count < PageSize)
                return rows;
            (afterSequence, afterOrdinal) = (page[^1].Sequence, page[^1].Ordinal);
        }
    }

    private static IQueryable<FieldChange> Matching(HistoryDbContext db, ExportRequest request)
    {
        var changes = db.FieldChanges.AsNoTracking();
        if (request.From is { } from)
            changes = changes.Where(f => f.ChangedAt >= from);
        if (request.To is { } to)
            changes = changes.Where(f => f.ChangedAt < to);
        if (request.EntityType is { } entityType)
            changes = changes.Where(f => f.EntityType == entityType);
        if (request.FqnPrefix is { } prefix)
            changes = changes.Where(f => f.EntityFqn != null && f.EntityFqn.StartsWith(prefix));
        if (request.User is { } user)
            changes = changes.Where(f => f.ChangedBy == user);
        if (request.Category is { } category)
            changes = changes.Where(f => f.Category == category);
        if (request.EventType is { } eventType)
            changes = changes.Where(f => db.ChangeEvents.Any(e => e.Sequence == f.EventSequence && e.EventType == eventType));
        return changes;
    }

    private sealed record ExportRow(long Sequence, int Ordinal, DateTime Time, string? User, bool IsBot, string EntityType, string? Fqn, string EventType,
        decimal? Version, string Path, string? Column, FieldCategory Category, ChangeType ChangeType, string? OldValue, string? NewValue)
    {
        public string TimeText => DateTime.SpecifyKind(Time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        public string? VersionText => Version?.ToString(CultureInfo.InvariantCulture);

        public string CategoryText => ChangeCounting.CategoryKey(Category);

        public string ChangeTypeText => ModelBuilding.ToUpperSnake(ChangeType.ToString());
    }

    /// Rows are written to a page in memory and the page to the output asynchronously (a
    /// response body takes no synchronous writes, and one write per page is cheaper).
    private abstract class RowWriter(Stream output) : IAsyncDisposable
    {
        protected MemoryStream Page { get; } = new();

        public abstract void WriteHeader();

        public abstract void Write(ExportRow row);

        /// Moves what the writer buffers into the page.
        protected abstract void Drain();

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            Drain();
            await output.WriteAsync(Page.GetBuffer().AsMemory(0, (int)Page.Length), cancellationToken);
            await output.FlushAsync(cancellationToken);
            Page.SetLength(0);
        }

        public virtual ValueTask DisposeAsync() => Page.DisposeAsync();
    }

    /// RFC 4180 by CsvHelper. Values as a person reads them: a text value as its text, lists
    /// and objects as their JSON (JSON that OpenMetadata sent inside a string decoded).
    private sealed class CsvRows : RowWriter
    {
        private readonly StreamWriter _text;
        private readonly CsvWriter _csv;

        public CsvRows(Stream output, bool bom) : base(output)
        {
            if (bom)
                Page.Write(Encoding.UTF8.Preamble);
            _text = new StreamWriter(Page, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
            _csv = new CsvWriter(_text, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" });
        }

        public override void WriteHeader()
        {
            foreach (var column in Columns)
                _csv.WriteField(column);
            _csv.NextRecord();
        }

        public override void Write(ExportRow row)
        {
            string?[] fields = [row.TimeText, row.Sequence.ToString(CultureInfo.InvariantCulture), row.User, row.IsBot ? "true" : "false", row.EntityType, row.Fqn,
                row.EventType, row.VersionText, row.Path, row.Column, row.CategoryText, row.ChangeTypeText, Text(row.OldValue), Text(row.NewValue)];
            foreach (var field in fields)
                _csv.WriteField(field ?? "");
            _csv.NextRecord();
        }

        private static string? Text(string? stored)
        {
            if (stored is null)
                return null;
            var json = FieldValue.Decode(stored);
            try
            {
                using var document = JsonDocument.Parse(json);
                return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : json;
            }
            catch (JsonException)
            {
                return json;
            }
        }

        protected override void Drain()
        {
            _csv.Flush();
            _text.Flush();
        }

        public override async ValueTask DisposeAsync()
        {
            await _csv.DisposeAsync();
            await _text.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    /// One JSON object per line, values as JSON (decoded like GraphQL's `oldValue`/`newValue`).
    private sealed class JsonLines : RowWriter
    {
        private readonly Utf8JsonWriter _json;

        public JsonLines(Stream output) : base(output) => _json = new Utf8JsonWriter(Page);

        public override void WriteHeader()
        {
        }

        public override void Write(ExportRow row)
        {
            _json.WriteStartObject();
            _json.WriteString("time", row.TimeText);
            _json.WriteNumber("sequence", row.Sequence);
            _json.WriteString("user", row.User);
            _json.WriteBoolean("isBot", row.IsBot);
            _json.WriteString("entityType", row.EntityType);
            _json.WriteString("fqn", row.Fqn);
            _json.WriteString("eventType", row.EventType);
            if (row.Version is { } version)
                _json.WriteNumber("version", version);
            else
                _json.WriteNull("version");
            _json.WriteString("path", row.Path);
            _json.WriteString("column", row.Column);
            _json.WriteString("category", row.CategoryText);
            _json.WriteString("changeType", row.ChangeTypeText);
            Value("oldValue", row.OldValue);
            Value("newValue", row.NewValue);
            _json.WriteEndObject();
            _json.Flush();
            Page.WriteByte((byte)'\n');
            _json.Reset();
        }

        private void Value(string name, string? stored)
        {
            _json.WritePropertyName(name);
            if (stored is null)
            {
                _json.WriteNullValue();
                return;
            }
            var json = FieldValue.Decode(stored);
            try
            {
                using var document = JsonDocument.Parse(json);
                document.RootElement.WriteTo(_json);
            }
            catch (JsonException)
            {
                _json.WriteStringValue(json); // not JSON after all: kept as text
            }
        }

        protected override void Drain() => _json.Flush();

        public override async ValueTask DisposeAsync()
        {
            await _json.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
