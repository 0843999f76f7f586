using System.Text.Json;
using HistoryGraph.Ingestion.Storage;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Access;

/// One authenticator for every transport: HTTP, the WebSocket's upgrade and connection_init,
/// SSE and webhooks. A presented credential is a stored key (`hg_<id>_<secret>`), a bearer
/// token from a configured issuer (TokenValidator), or one of the configured keys; the first
/// that holds names the caller.
public sealed class Authenticator(ApiKeyStore keys, TokenValidator tokens, IOptions<AccessOptions> options, ILogger<Authenticator> logger)
{
    public async ValueTask<Authentication> AuthenticateAsync(HttpContext http, JsonElement? payload, CancellationToken cancellationToken)
    {
        Authentication? first = null;
        foreach (var presented in Credentials.Presented(http, payload))
        {
            var result = await OfAsync(presented, cancellationToken);
            if (result.Caller is not null)
                return result;
            first ??= result;
        }
        if (first is null)
            return Authentication.NonePresented;
        // The key's id, never the key: enough to find it, nothing to use.
        logger.LogWarning("Refused credentials from {Address}: {Problem} (key id {KeyId})", http.Connection.RemoteIpAddress, first.Problem, first.KeyId ?? "none");
        return first;
    }

    private async ValueTask<Authentication> OfAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKeyText.IdOf(presented) is { } id)
        {
            var key = await keys.FindAsync(id, cancellationToken);
            if (key is null || !ApiKeyText.Matches(key.SecretHash, presented))
                return Authentication.Refused("unknown key", id);
            if (keys.Problem(key) is { } problem)
                return Authentication.Refused($"the key is {problem}", id);
            keys.NoteUsed(key);
            return Authentication.Of(Caller.Of(key.Role, $"key {key.Id} ({key.Name})",
                key.ExpiresAt is { } expires ? new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)) : null));
        }
        if (tokens.Configured && TokenValidator.LooksLikeToken(presented))
            return await tokens.ValidateAsync(presented, cancellationToken);
        var configured = options.Value;
        if (Credentials.MatchIndex(presented, configured.AdminKeys) is var admin and >= 0)
            return Authentication.Of(Caller.Of(AccessRole.Admin, $"admin key {admin + 1}"));
        if (Credentials.MatchIndex(presented, configured.ReaderKeys) is var reader and >= 0)
            return Authentication.Of(Caller.Of(AccessRole.Reader, $"reader key {reader + 1}"));
        return Authentication.Refused("unknown key", null);
    }
}
