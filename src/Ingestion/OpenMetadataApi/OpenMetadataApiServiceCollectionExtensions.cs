using HistoryGraph.Ingestion.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace HistoryGraph.Ingestion.OpenMetadataApi;

public static class OpenMetadataApiServiceCollectionExtensions
{
    /// The OpenMetadata client with its resilience: a timeout per attempt, retries with jittered
    /// exponential backoff (or OpenMetadata's `Retry-After`) on 429, 408, 5xx, timeouts and
    /// connection failures, and a timeout on the whole call.
    public static IServiceCollection AddOpenMetadataApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OpenMetadataApiOptions>(configuration.GetSection(OpenMetadataApiOptions.Section));
        services.AddHttpClient<OpenMetadataClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // Redirects are followed by the client itself, within OpenMetadata:ApiUrl's origin only.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddResilienceHandler("openmetadata", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<OpenMetadataApiOptions>>().Value;
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<OpenMetadataClient>();
                pipeline.AddTimeout(TimeSpan.FromSeconds(Math.Max(1, settings.TotalTimeoutSeconds)));
                if (settings.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromSeconds(Math.Max(0.01, settings.RetryDelaySeconds)),
                        ShouldRetryAfterHeader = true,
                        OnRetry = args =>
                        {
                            Retries.Log(logger, "Calling OpenMetadata", args.Outcome.Exception?.GetBaseException().Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}", args.RetryDelay);
                            return ValueTask.CompletedTask;
                        },
                    });
                }
                pipeline.AddTimeout(TimeSpan.FromSeconds(Math.Max(0.1, settings.RequestTimeoutSeconds)));
            });
        return services;
    }
}
