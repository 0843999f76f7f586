using System.Text;
using GraphQL;
using HistoryGraph.Access;
using HistoryGraph.Shutdown;
using HistoryGraph.Live;
using HistoryGraph.Transport.Requests;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HistoryGraph.Transport.Streaming;

/// GraphQL over Server-Sent Events, graphql-sse's "distinct connections" mode: one request
/// (POST JSON, or GET with query parameters) per operation, answered `text/event-stream` with
/// `event: next` for each result and `event: complete` at the end. Comments keep idle streams
/// open through proxies. A client that stops reading is disconnected after the stall timeout.
public static class ServerSentEventsApi
{
    public const string EventStream = "text/event-stream";

    /// Whether the client asks for an event stream (the only thing it accepts, or a
    /// subscription that it accepts as one of several types). isSubscription is asked only
    /// when that matters.
    public static bool Wants(HttpRequest request, Func<bool> isSubscription)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
            return false;
        var eventStream = accepted.Any(a => a.MediaType.Equals(EventStream, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
        return eventStream && (accepted.All(a => a.MediaType.Equals(EventStream, StringComparison.OrdinalIgnoreCase)) || isSubscription());
    }

    public static async Task StreamAsync(HttpContext http, GraphQLHttpRequest request, Caller caller)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<StreamingOptions>>().Value;
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        using var lease = services.GetRequiredService<LiveConnectionLimit>().TryOpen("sse");
        if (lease is null)
        {
            http.Response.Headers.RetryAfter = "5";
            await GraphQLResponses.WriteRequestErrorAsync(http, serializer, StatusCodes.Status503ServiceUnavailable, "TOO_MANY_CONNECTIONS",
                $"This server holds its maximum of {options.MaxConnections} live connections (Streaming:MaxConnections).");
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = EventStream + "; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // no proxy buffering

        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted,
            services.GetRequiredService<ServerState>().Closing);
        // A credential that expires ends the stream then: the client comes back with a new one
        // and resumes with `after:`.
        if (caller.ExpiresAt is { } expires && expires - DateTimeOffset.UtcNow is var left && left < TimeSpan.FromDays(40))
            ending.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        var buffer = new SendBuffer(options.SendBufferBytes, TimeSpan.FromSeconds(options.StallTimeoutSeconds));
        buffer.Stalled += () =>
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger("HistoryGraph.ServerSentEvents")
                .LogInformation("Disconnecting an event stream whose client stopped reading");
            http.Abort();
        };
        await using var operation = new LiveOperation(
            next: result => buffer.Enqueue(Event("next", RenderedResult.Utf8JsonOf(result, serializer))),
            failed: result =>
            {
                buffer.Enqueue(Event("next", RenderedResult.Utf8JsonOf(result, serializer)));
                buffer.Enqueue(Event("complete", null));
                buffer.Complete();
            },
            completed: () =>
            {
                buffer.Enqueue(Event("complete", null));
                buffer.Complete();
            });
        try
        {
            await operation.StartAsync(http, request, caller, buffer, lease, ending.Token);
            // The response starts once the subscription is in place: a client that sees the
            // headers can rely on getting every event committed from then on.
            await http.Response.Body.FlushAsync(ending.Token);
            await SendLoopAsync(http, buffer, TimeSpan.FromSeconds(Math.Max(0.1, options.KeepAliveSeconds)), ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // the client went away, or the server is stopping
        }
        finally
        {
            buffer.Complete();
        }
    }

    private static async Task SendLoopAsync(HttpContext http, SendBuffer buffer, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        var comment = Encoding.UTF8.GetBytes(":\n\n");
        using var timer = new PeriodicTimer(keepAlive);
        Task<bool>? waiting = null;
        Task<bool>? tick = null;
        try
        {
            while (true)
            {
                waiting ??= buffer.Messages.WaitToReadAsync(cancellationToken).AsTask();
                tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(waiting, tick) == tick)
                {
                    tick = null;
                    await http.Response.Body.WriteAsync(comment, cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                    continue;
                }
                var more = await waiting;
                waiting = null;
                if (!more)
                    return;
                while (buffer.Messages.TryRead(out var message))
                {
                    await http.Response.Body.WriteAsync(message, cancellationToken);
                    buffer.Sent(message);
                }
                await http.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    private static byte[] Event(string name, byte[]? data)
    {
        if (data is null)
            return Encoding.UTF8.GetBytes($"event: {name}\ndata:\n\n");
        // JSON as serialized holds no raw line breaks, so it fits one `data:` line.
        var head = Encoding.UTF8.GetBytes($"event: {name}\ndata: ");
        var message = new byte[head.Length + data.Length + 2];
        head.CopyTo(message, 0);
        data.CopyTo(message, head.Length);
        message[^2] = (byte)'\n';
        message[^1] = (byte)'\n';
        return message;
    }
}
