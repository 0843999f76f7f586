using Microsoft.Extensions.Options;

namespace HistoryGraph.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// The webhook's settings, validated at start-up.
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        return services;
    }
}
