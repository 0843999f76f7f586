using System.Security.Cryptography.X509Certificates;
using HistoryGraph.Ingestion.OpenMetadataApi;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Notifications.Messages;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// Notification targets and their secrets, the dispatcher, the delivery worker, digests.
    /// Secrets are encrypted with Data Protection keys kept in the history store; with
    /// DataProtection:CertificatePath the keys themselves are encrypted with that certificate,
    /// so that a copy of the database alone does not open the secrets.
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOutboundHttp(configuration);
        var protection = services.AddDataProtection().SetApplicationName("HistoryGraph").PersistKeysToDbContext<HistoryDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]));
        // Data Protection's own hosted service reads the key ring at start-up, before the store's
        // migrations have made its table on a new database (an error logged for nothing): the
        // key ring is read when a secret is first used instead.
        foreach (var preload in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
            services.Remove(preload);
        services.AddSingleton<TargetSecrets>();
        services.AddSingleton<TargetManagement>();
        services.AddSingleton(sp => new AssetLinks(
            sp.GetRequiredService<IOptions<NotificationOptions>>().Value.OpenMetadataUrl, sp.GetRequiredService<IOptions<OpenMetadataApiOptions>>().Value.ApiUrl));
        services.AddSingleton<MessageSender>();
        services.AddSingleton<DigestReports>();
        services.AddSingleton<DeliveryMessages>();
        services.AddSingleton<TargetTester>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddSingleton<DigestScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        services.AddHostedService<DeliveryLogRetention>();
        services.AddHostedService<CheckpointPublisher>();
        return services;
    }
}
