using Microsoft.Extensions.Options;

namespace HistoryGraph.Webhooks;

/// Refuses to start with neither a secret nor an explicit opt-out: an unsigned endpoint
/// would let anyone write history.
public sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        if (options.SecretKeys.Count == 0 && !options.AllowUnsignedWebhooks)
            return ValidateOptionsResult.Fail(
                "No webhook secret is configured. Set OpenMetadata:WebhookSecrets:0 (environment: OpenMetadata__WebhookSecrets__0) " +
                "to the Secret Key of the OpenMetadata webhook, or set OpenMetadata:AllowUnsignedWebhooks=true to accept unsigned deliveries.");
        if (options.MaxBodyBytes <= 0)
            return ValidateOptionsResult.Fail("OpenMetadata:MaxBodyBytes must be positive.");
        return ValidateOptionsResult.Success;
    }
}
