using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Notifications;

/// The HTTP stack notifications are sent with, refusing what NotificationOptions forbids where
/// it cannot be got round: the address is checked when the connection is made, after DNS, on the
/// very address connected to (a name that resolves to a public address when a URL is saved and a
/// private one when it is used changes nothing), and redirects are followed here, each new URL
/// checked again, instead of by the handler.
public static class OutboundHttp
{
    /// The named HttpClient notifications are sent with (AddOutboundHttp).
    public const string ClientName = "notifications";

    /// The client: this handler, redirects followed and checked by RedirectsChecked.
    public static IServiceCollection AddOutboundHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddTransient<RedirectsChecked>();
        // No request logging: incoming-webhook URLs and Telegram's API path carry credentials.
        services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<IOptions<NotificationOptions>>().Value.AllowPrivateNetworks))
            .AddHttpMessageHandler<RedirectsChecked>();
        return services;
    }

    /// The primary handler: every connection goes through the address check.
    public static SocketsHttpHandler Handler(bool allowPrivateNetworks) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => allowPrivateNetworks || !PrivateAddresses.IsPrivate(a)).ToList();
            if (allowed.Count == 0)
                throw new OutboundAddressRefusedException(addresses.Length == 0
                    ? $"{host} does not resolve."
                    : $"{host} is a private, loopback, link-local or metadata address ({addresses[0]}); set Notifications:AllowPrivateNetworks to send there.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// Why a URL cannot be a destination (not absolute http(s), or a literal private address),
    /// or null. Host names are checked when connected to (Handler), and by ResolvedProblemAsync.
    public static string? Problem(string url, bool allowPrivateNetworks)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "must be an absolute http or https URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "must not carry a user name or password.";
        if (!allowPrivateNetworks && (IPAddress.TryParse(uri.DnsSafeHost, out var address) && PrivateAddresses.IsPrivate(address) || uri.IsLoopback))
            return "is a private, loopback, link-local or metadata address; set Notifications:AllowPrivateNetworks to send there.";
        return null;
    }

    /// Why a URL's host name cannot be a destination as it resolves now (every address it
    /// resolves to is private), or null; a name that does not resolve within a few seconds is
    /// not judged here.
    public static async Task<string?> ResolvedProblemAsync(string url, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        if (allowPrivateNetworks || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || IPAddress.TryParse(uri.DnsSafeHost, out _))
            return null;
        IPAddress[] addresses;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
        return addresses.Length > 0 && addresses.All(PrivateAddresses.IsPrivate)
            ? $"names a host that resolves to a private, loopback, link-local or metadata address ({addresses[0]}); set Notifications:AllowPrivateNetworks to send there."
            : null;
    }
}
