using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HistoryGraph.Access;

/// The keys and tokens a request presents, wherever clients put them: the `Authorization:
/// Bearer` or `X-Api-Key` header, the password of `Authorization: Basic` (what a browser sends
/// for the IDE after asking for it), and for a live connection its connection_init payload
/// (`apiKey`, or an `Authorization` entry "Bearer <key>", also inside `headers`). Keys are
/// compared in fixed time.
public static class Credentials
{
    public static IEnumerable<string> Presented(HttpContext http, JsonElement? payload = null)
    {
        if (payload is { ValueKind: JsonValueKind.Object } init)
        {
            foreach (var candidate in FromObject(init))
                yield return candidate;
            if (init.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
                foreach (var candidate in FromObject(headers))
                    yield return candidate;
        }
        var authorization = http.Request.Headers.Authorization.ToString();
        if (Bearer(authorization) is { } bearer)
            yield return bearer;
        if (BasicPassword(authorization) is { } password)
            yield return password;
        if (http.Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header)
            yield return header;
    }

    /// The position in `keys` of the presented key, or -1.
    public static int MatchIndex(string presented, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
            return -1;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        for (var i = 0; i < keys.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(keys[i])), hash))
                return i;
        }
        return -1;
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

    /// The password of `Basic base64(user:password)`; the user name is not looked at.
    private static string? BasicPassword(string value)
    {
        if (!value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || value.Length > 4096)
            return null;
        Span<byte> decoded = stackalloc byte[value.Length];
        if (!Convert.TryFromBase64String(value[6..].Trim(), decoded, out var written))
            return null;
        var text = Encoding.UTF8.GetString(decoded[..written]);
        var colon = text.IndexOf(':');
        return colon >= 0 && colon < text.Length - 1 ? text[(colon + 1)..] : null;
    }

    private static string? Bearer(string value) =>
        value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value.Length > 7 ? value[7..].Trim() : null;
}
