using HistoryGraph.Access;
using HistoryGraph.Http;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Webhooks;

/// Who may deliver, as OpenMetadata authenticates its webhooks: a delivery signed with a
/// configured secret (X-OM-Signature, HMAC-SHA256 of the body), or one that presents a key of
/// the ingest role as a Bearer token or X-Api-Key (OpenMetadata's newer OAuth2 mode sends
/// `Authorization: Bearer`). A signature, when one is sent and secrets are configured,
/// decides alone, so that a proxy's own Authorization header cannot refuse a signed delivery.
public static class DeliveryAccess
{
    /// Whether the signature decides (checked once the body is read).
    public static bool BySignature(HttpRequest request, WebhookOptions options) =>
        options.SecretKeys.Count > 0 && request.Headers.ContainsKey(WebhookSignature.HeaderName);

    /// The refusal of an unsigned delivery, or null when its credentials (or the configured
    /// opt-out, OpenMetadata:AllowUnsignedWebhooks) let it in.
    public static async Task<IResult?> RefuseUnsignedAsync(HttpContext http, WebhookOptions options, Authenticator authenticator, ILogger log)
    {
        var authentication = await authenticator.AuthenticateAsync(http, null, http.RequestAborted);
        if (authentication.Caller is { } caller)
        {
            if (caller.May(AccessRole.Ingest))
                return null;
            log.LogWarning("Webhook delivery refused: {Caller} has {Roles}, not ingest", caller.Name, caller.RolesText);
            return AccessControl.Refusal(http, AccessDecision.NotAuthorized(caller, AccessControl.NotAuthorizedMessage(caller, AccessRole.Ingest)), "The key may not deliver webhooks");
        }
        if (authentication.Problem is { } problem)
            return AccessControl.Refusal(http, AccessDecision.NotAuthenticated(AccessControl.InvalidCredentialsMessage(problem)), "The credentials are not valid");
        if (options.AllowUnsignedWebhooks)
            return null;
        if (options.SecretKeys.Count > 0)
            return Problems.Create(StatusCodes.Status401Unauthorized, "SIGNATURE_INVALID", "The signature is not valid",
                "The X-OM-Signature header is missing. Set the webhook's Secret Key in OpenMetadata, or send a key of the ingest role as a Bearer token.");
        return AccessControl.Refusal(http, AccessDecision.NotAuthenticated(
            "No webhook secret is configured (OpenMetadata:WebhookSecrets), so a delivery must present a key of the ingest role " +
            "(`Authorization: Bearer <key>`); create one with `HistoryGraph keys create --role ingest --name openmetadata`."), "The delivery is not authenticated");
    }
}
