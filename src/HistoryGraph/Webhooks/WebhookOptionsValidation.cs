using Microsoft.Extensions.Options;

namespace HistoryGraph.Webhooks;

/// Checks the webhook settings at start-up. With no secret, deliveries need a key of the ingest
/// role (DeliveryAccess), so that is no longer a reason not to start.
public sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        if (options.MaxBodyBytes <= 0)
            return ValidateOptionsResult.Fail("OpenMetadata:MaxBodyBytes must be positive.");
        return ValidateOptionsResult.Success;
    }
}
