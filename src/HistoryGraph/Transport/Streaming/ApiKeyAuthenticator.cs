using System.Security.Claims;
using System.Text.Json;
using HistoryGraph.Admin;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Transport.Streaming;

/// The default authenticator: open when Streaming:ApiKeys is empty, otherwise the
/// connection must present one of the keys (ApiKeys says where).
public sealed class ApiKeyAuthenticator(IOptions<StreamingOptions> options) : IConnectionAuthenticator
{
    public ValueTask<ClaimsPrincipal?> AuthenticateAsync(HttpContext http, JsonElement? payload, CancellationToken cancellationToken)
    {
        var keys = options.Value.ApiKeys;
        if (keys.Count == 0)
            return ValueTask.FromResult<ClaimsPrincipal?>(http.User);
        if (!ApiKeys.AnyMatches(ApiKeys.Presented(http, payload), keys))
            return ValueTask.FromResult<ClaimsPrincipal?>(null);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.AuthenticationMethod, "api-key")], "ApiKey");
        return ValueTask.FromResult<ClaimsPrincipal?>(new ClaimsPrincipal(identity));
    }
}
