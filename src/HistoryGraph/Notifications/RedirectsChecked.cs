using System.Net;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Notifications;

/// Follows redirects itself (the primary handler does not), at most Notifications:MaxRedirects,
/// each target checked by OutboundHttp.Problem before it is asked, its connection checked by the
/// handler like any other. 307 and 308 repeat the request with its body; 301, 302 and 303 become a
/// GET without one, as browsers and HttpClient do; Authorization is dropped for another origin.
public sealed class RedirectsChecked(IOptions<NotificationOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await FollowAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundAddressRefusedException refused)
        {
            // The handler wraps what its connect callback throws: the refusal is the news.
            throw refused;
        }
    }

    private async Task<HttpResponseMessage> FollowAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var response = await base.SendAsync(request, cancellationToken);
        for (var redirects = 0; IsRedirect(response.StatusCode) && response.Headers.Location is { } location; redirects++)
        {
            if (redirects >= settings.MaxRedirects)
                throw new OutboundAddressRefusedException($"More than {settings.MaxRedirects} redirects (Notifications:MaxRedirects).");
            var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            if (OutboundHttp.Problem(target.ToString(), settings.AllowPrivateNetworks) is { } problem)
                throw new OutboundAddressRefusedException($"A redirect to {target.GetLeftPart(UriPartial.Authority)} was refused: it {problem}");
            var keepsBody = response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
            var next = new HttpRequestMessage(keepsBody ? request.Method : HttpMethod.Get, target);
            // Credentials go to the origin they were given for, never to another one.
            var sameOrigin = Uri.Compare(target, request.RequestUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
            foreach (var header in request.Headers.Where(h => sameOrigin || !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            // Read again only when repeated: messages are sent as byte arrays, which can be.
            if (keepsBody && request.Content is { } content)
            {
                next.Content = new ByteArrayContent(await content.ReadAsByteArrayAsync(cancellationToken));
                foreach (var header in content.Headers)
                    next.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Dispose();
            request = next;
            response = await base.SendAsync(request, cancellationToken);
        }
        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;
}
