using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HistoryGraph.Live;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Transport.Streaming;

/// The default authenticator: open when Subscriptions:ApiKeys is empty, otherwise the
/// connection must present one of the keys, in the connection_init payload (`apiKey`, or an
/// `Authorization`/`authorization` entry "Bearer <key>", also inside `headers`) or in the
/// request's `Authorization: Bearer` or `X-Api-Key` header. Keys are compared in fixed time.
public sealed class ApiKeyAuthenticator(IOptions<LiveOptions> options) : IConnectionAuthenticator
{
    public ValueTask<ClaimsPrincipal?> AuthenticateAsync(HttpContext http, JsonElement? payload, CancellationToken cancellationToken)
    {
        var keys = options.Value.ApiKeys;
        if (keys.Count == 0)
            return ValueTask.FromResult<ClaimsPrincipal?>(http.User);
        var presented = Presented(http, payload).FirstOrDefault(candidate => keys.Any(key => SameKey(key, candidate)));
        if (presented is null)
            return ValueTask.FromResult<ClaimsPrincipal?>(null);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.AuthenticationMethod, "api-key")], "ApiKey");
        return ValueTask.FromResult<ClaimsPrincipal?>(new ClaimsPrincipal(identity));
    }

    private static IEnumerable<string> Presented(HttpContext http, JsonElement? payload)
    {
        if (payload is { ValueKind: JsonValueKind.Object } init)
        {
            foreach (var candidate in FromObject(init))
                yield return candidate;
            if (init.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
                foreach (var candidate in FromObject(headers))
                    yield return candidate;
        }
        if (Bearer(http.Request.Headers.Authorization.ToString()) is { } bearer)
            yield return bearer;
        if (http.Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header)
            yield return header;
    }

    private static IEnumerable<string> FromObject(JsonElement obj)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                continue;
            var value = property.Value.GetString()!;
            if (property.Name.Equals("apiKey", StringComparison.OrdinalIgnoreCase) || property.Name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase))
                yield return value;
            else if (property.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase) && Bearer(value) is { } bearer)
                yield return bearer;
        }
    }

    private static string? Bearer(string value) =>
        value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value.Length > 7 ? value[7..].Trim() : null;

    private static bool SameKey(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
