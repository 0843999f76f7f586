using System.Security.Claims;
using System.Text.Json;

namespace HistoryGraph.Transport.Streaming;

/// Decides whether a live connection may run operations: a WebSocket when its connection_init
/// arrives (payload: that message's payload), an SSE request before it starts (payload: null).
/// Replace the registered implementation to authenticate differently (tokens, mTLS, ...).
public interface IConnectionAuthenticator
{
    /// The user the connection's operations run as, or null to refuse the connection.
    ValueTask<ClaimsPrincipal?> AuthenticateAsync(HttpContext http, JsonElement? payload, CancellationToken cancellationToken);
}
