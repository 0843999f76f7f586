using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Text;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace HistoryGraph.Ingestion.OpenMetadataApi;

/// OpenMetadata's REST API as HistoryGraph uses it: change events, entity versions, restore and
/// create-or-update. Paths are OpenMetadata's (`/v1/<collection>/...` after OpenMetadata:ApiUrl),
/// bodies JSON, the bot's token sent as a bearer token. Retries, backoff and timeouts come from
/// the resilience pipeline registered with the client (AddOpenMetadataApi); what is left after
/// them becomes an OpenMetadataException with a code.
public sealed class OpenMetadataClient(HttpClient http, IOptions<OpenMetadataApiOptions> options)
{
    private const int MaxMessageChars = 500;

    public bool IsConfigured => options.Value.ApiUrl.Length > 0;

    /// An instant as OpenMetadata's API takes it: milliseconds since the epoch.
    public static long EpochMilliseconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// The change events from `timestamp` (epoch milliseconds) on, oldest first, as OpenMetadata
    /// keeps them (it deletes its own after a few days): `GET /v1/events` for every entity type
    /// and every event type it serves (soft deletes come with entityDeleted). Releases that page
    /// the log take `endTs` and `limit` and answer a `paging.after` cursor to continue with;
    /// older ones ignore both and answer everything from `timestamp` on.
    public async Task<OpenMetadataEventPage> GetEventsAsync(long timestamp, long? endTimestamp, string? after, CancellationToken cancellationToken)
    {
        const string path = "/v1/events";
        var limit = Math.Clamp(options.Value.EventPageSize, 1, 1000);
        var query = $"?entityCreated=*&entityUpdated=*&entityRestored=*&entityDeleted=*&timestamp={timestamp.ToString(CultureInfo.InvariantCulture)}"
            + (endTimestamp is { } end ? "&endTs=" + end.ToString(CultureInfo.InvariantCulture) : "")
            + "&limit=" + limit.ToString(CultureInfo.InvariantCulture)
            + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
        var (status, body) = await SendRawAsync(HttpMethod.Get, path + query, null, cancellationToken);
        return new OpenMetadataEventPage(body, PagingAfter(body, status, path));
    }

    /// The versions of a type's entities changed between two instants (epoch milliseconds),
    /// from the history endpoint newer releases have (`GET /v1/<collection>/history` with
    /// `startTs`, `endTs`, `limit` and an `after` cursor): every version, current or historical,
    /// whether or not a change event was sent for it. Null when this release has no such endpoint
    /// (it answers 404, 400 or 405: older releases read `history` as an entity id).
    public async Task<OpenMetadataHistoryPage?> GetHistoryAsync(string entityType, long startTimestamp, long endTimestamp, string? after, CancellationToken cancellationToken)
    {
        var path = $"/v1/{Collection(entityType)}/history";
        var query = $"?startTs={startTimestamp.ToString(CultureInfo.InvariantCulture)}&endTs={endTimestamp.ToString(CultureInfo.InvariantCulture)}"
            + "&limit=" + Math.Clamp(options.Value.EventPageSize, 1, 1000).ToString(CultureInfo.InvariantCulture)
            + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
        OpenMetadataAnswer answer;
        try
        {
            answer = await SendAsync(HttpMethod.Get, path + query, null, cancellationToken);
        }
        catch (OpenMetadataException ex) when (ex.Status is 404 or 400 or 405)
        {
            return null;
        }
        using var document = Parse(answer);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw Malformed(path, "no `data` list");
        // Each version is the entity's JSON object (or, as `/versions` sends them, a string of it).
        var versions = data.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList();
        var next = root.TryGetProperty("paging", out var paging) && paging.ValueKind == JsonValueKind.Object
            && paging.TryGetProperty("after", out var cursor) && cursor.ValueKind == JsonValueKind.String && cursor.GetString() is { Length: > 0 } text ? text : null;
        return new OpenMetadataHistoryPage(versions, next);
    }

    /// Every version OpenMetadata keeps of an entity, newest first, each the entity's JSON.
    public async Task<IReadOnlyList<string>> GetVersionsAsync(string entityType, Guid id, CancellationToken cancellationToken)
    {
        var path = $"/v1/{Collection(entityType)}/{id}/versions";
        using var document = Parse(await SendAsync(HttpMethod.Get, path, null, cancellationToken));
        if (!document.RootElement.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Array)
            throw Malformed(path, "no `versions` list");
        // Each version is the entity as a JSON string (some releases send the object itself).
        return versions.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList();
    }

    /// The entity as it was at one version, as OpenMetadata sends it.
    public async Task<string> GetVersionAsync(string entityType, Guid id, decimal version, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, $"/v1/{Collection(entityType)}/{id}/versions/{version.ToString("0.0##", CultureInfo.InvariantCulture)}", null, cancellationToken)).Body;

    /// Restores a soft-deleted entity: `PUT /v1/<collection>/restore` with `{"id": ...}`.
    public Task<OpenMetadataAnswer> RestoreAsync(string entityType, Guid id, CancellationToken cancellationToken) =>
        PutEntityAsync(RestorePath(entityType), RestoreBody(id), id, cancellationToken);

    /// Creates the entity, or updates it if it exists: `PUT /v1/<collection>` with its create request.
    public Task<OpenMetadataAnswer> CreateOrUpdateAsync(string entityType, JsonObject createRequest, CancellationToken cancellationToken) =>
        PutEntityAsync(CreatePath(entityType), createRequest, null, cancellationToken);

    /// A PUT of a JSON body to a path after OpenMetadata:ApiUrl that OpenMetadata answers with
    /// the entity (a restore, a create or update): an answer that is not an entity, or not the
    /// one expected, is not a success, whatever its status.
    public async Task<OpenMetadataAnswer> PutEntityAsync(string path, JsonObject body, Guid? expectedId, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Put, path, body.ToJsonString(), cancellationToken);
        string? problem;
        try
        {
            using var document = JsonDocument.Parse(answer.Body, StrictText.JsonOptions);
            var root = document.RootElement;
            problem = root.ValueKind != JsonValueKind.Object ? $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an entity"
                : !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !Guid.TryParse(id.GetString(), out var answered) ? "an object without an entity `id`"
                : expectedId is { } expected && answered != expected ? $"entity {answered}, not {expected}"
                : null;
        }
        catch (JsonException ex)
        {
            problem = $"not JSON ({ex.Message})";
        }
        if (problem is not null)
            throw new OpenMetadataException(OpenMetadataException.Refused, $"OpenMetadata answered {answer.Status} to PUT {path} with {problem}: {StrictText.ForLog(answer.Body, MaxMessageChars)}", answer.Status);
        return answer;
    }

    public static string RestorePath(string entityType) => $"/v1/{Collection(entityType)}/restore";

    public static JsonObject RestoreBody(Guid id) => new() { ["id"] = id.ToString() };

    public static string CreatePath(string entityType) => $"/v1/{Collection(entityType)}";

    public static string Collection(string entityType) => OpenMetadataCollections.Of(entityType)
        ?? throw new OpenMetadataException("UNSUPPORTED_ENTITY_TYPE", $"HistoryGraph does not know where OpenMetadata keeps entities of type '{StrictText.ForLog(entityType, 60)}'.");

    private async Task<OpenMetadataAnswer> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        var (status, body) = await SendRawAsync(method, path, json, cancellationToken);
        return new OpenMetadataAnswer(status, Encoding.UTF8.GetString(body));
    }

    /// Redirects followed, each within OpenMetadata:ApiUrl's origin.
    private const int MaxRedirects = 5;

    /// The call, its retries and its errors; the answer's bytes as they came. Redirects are
    /// followed here, only to the origin (scheme, host and port) of OpenMetadata:ApiUrl: an
    /// answer from anywhere else is never taken for OpenMetadata's, nor sent the bot's token.
    /// The body is read within RequestTimeoutSeconds of its headers and up to MaxResponseBytes.
    private async Task<(int Status, byte[] Body)> SendRawAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!IsConfigured)
            throw new OpenMetadataException("OPENMETADATA_NOT_CONFIGURED", "OpenMetadata's API is not configured: set OpenMetadata:ApiUrl (e.g. http://om:8585/api) and OpenMetadata:BotToken.");
        var origin = new Uri(settings.ApiUrl);
        var target = new Uri(settings.ApiUrl.TrimEnd('/') + path);
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(method, target);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (settings.BotToken.Length > 0)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BotToken);
                if (json is not null)
                    request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                    if (Uri.Compare(next, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
                        throw new OpenMetadataException("OPENMETADATA_REDIRECTED",
                            $"OpenMetadata answered {status} to {method} {path} with a redirect to {StrictText.ForLog(next.GetLeftPart(UriPartial.Authority), 200)}, outside {origin.GetLeftPart(UriPartial.Authority)}: HistoryGraph follows redirects only within OpenMetadata:ApiUrl's origin.", status);
                    if (hop >= MaxRedirects)
                        throw new OpenMetadataException("OPENMETADATA_REDIRECTED", $"OpenMetadata redirected {method} {path} more than {MaxRedirects} times.", status);
                    // 303 (and 301/302 after anything but GET, as browsers do) continue as GET.
                    if (status == 303 || (status is 301 or 302 && method != HttpMethod.Get))
                        (method, json) = (HttpMethod.Get, null);
                    target = next;
                    continue;
                }
                var body = await ReadBoundedAsync(response, settings, method, path, cancellationToken);
                if (response.IsSuccessStatusCode)
                    return (status, body);
                throw new OpenMetadataException(OpenMetadataException.Refused,
                    $"OpenMetadata answered {status} to {method} {path}: {MessageOf(Encoding.UTF8.GetString(body))}", status);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new OpenMetadataException(OpenMetadataException.Unreachable,
                $"OpenMetadata at {settings.ApiUrl} did not answer {method} {path} ({(ex is HttpRequestException ? ex.GetBaseException().Message : "timed out")}, after {settings.MaxRetries} retries).", inner: ex);
        }
    }

    /// The answer's body, refused past MaxResponseBytes (by its Content-Length before anything
    /// is read) and cut off when it has not all come RequestTimeoutSeconds after the headers.
    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, OpenMetadataApiOptions settings, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var max = Math.Max(1024, settings.MaxResponseBytes);
        if (response.Content.Headers.ContentLength is { } length && length > max)
            throw TooLarge(settings, method, path, (int)response.StatusCode);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(Math.Max(0.1, settings.RequestTimeoutSeconds)));
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > max)
                    throw TooLarge(settings, method, path, (int)response.StatusCode);
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OpenMetadataException(OpenMetadataException.Unreachable,
                $"OpenMetadata's answer to {method} {path} had not all arrived {settings.RequestTimeoutSeconds:0.#} s after its headers (OpenMetadata:RequestTimeoutSeconds); it was cut off.", (int)response.StatusCode);
        }
    }

    private static OpenMetadataException TooLarge(OpenMetadataApiOptions settings, HttpMethod method, string path, int status) =>
        new("OPENMETADATA_ANSWER_TOO_LARGE", $"OpenMetadata's answer to {method} {path} is larger than {settings.MaxResponseBytes} bytes (OpenMetadata:MaxResponseBytes); it was not read.", status);

    /// The page's `paging.after` cursor, read in one pass over the bytes without building a
    /// document (the events themselves are read once, by the webhook's parser); the answer must
    /// be an object with a `data` list.
    private static string? PagingAfter(byte[] body, int status, string path)
    {
        string? after = null;
        var hasData = false;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw Malformed(path, "no `data` list");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "data" && reader.TokenType == JsonTokenType.StartArray)
                    hasData = true;
                else if (name == "paging" && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var field = reader.GetString();
                        reader.Read();
                        if (field == "after" && reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } cursor)
                            after = cursor;
                        reader.Skip();
                    }
                    continue;
                }
                reader.Skip();
            }
        }
        catch (JsonException ex)
        {
            throw new OpenMetadataException(OpenMetadataException.Refused, $"OpenMetadata's answer is not JSON: {ex.Message}", status, ex);
        }
        return hasData ? after : throw Malformed(path, "no `data` list");
    }

    /// OpenMetadata's error bodies are `{"code": 404, "message": "..."}`; anything else is shown as text.
    private static string MessageOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                return StrictText.ForLog(message.GetString()!, MaxMessageChars);
        }
        catch (JsonException)
        {
        }
        return body.Length == 0 ? "(no message)" : StrictText.ForLog(body, MaxMessageChars);
    }

    private static JsonDocument Parse(OpenMetadataAnswer answer)
    {
        try
        {
            return JsonDocument.Parse(answer.Body, StrictText.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new OpenMetadataException(OpenMetadataException.Refused, $"OpenMetadata's answer is not JSON: {ex.Message}", answer.Status, ex);
        }
    }

    private static OpenMetadataException Malformed(string path, string what) =>
        new(OpenMetadataException.Refused, $"OpenMetadata's answer to {path} has {what}.");
}
