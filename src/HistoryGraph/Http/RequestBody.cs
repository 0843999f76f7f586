using Microsoft.AspNetCore.Http.Features;

namespace HistoryGraph.Http;

/// The raw body bytes of a request (the webhook signature covers exactly these), read within
/// the limits that keep many clients from holding much memory at once: at most the byte limit,
/// within BodyLimits.ReadTimeout, and, for a large body, only while holding one of the few
/// large-body slots (released when the body is disposed, after the delivery was handled).
internal sealed class RequestBody : IDisposable
{
    private BodyLimits? _slotHolder;

    private RequestBody(byte[]? bytes, BodyRefusal refusal)
    {
        Bytes = bytes;
        Refusal = refusal;
    }

    /// The body, or null when it was refused (see Refusal).
    public byte[]? Bytes { get; }

    public BodyRefusal Refusal { get; }

    public static async Task<RequestBody> ReadAsync(HttpRequest request, long limit, BodyLimits limits, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            return new RequestBody(null, BodyRefusal.TooLarge);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = null; // the limit is enforced below, with our own answer

        BodyLimits? slot = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.ReadTimeout);
        try
        {
            if (request.ContentLength is not { } declared || declared >= limits.LargeBodyBytes)
            {
                if (!await limits.EnterAsync(deadline.Token))
                    return new RequestBody(null, BodyRefusal.Busy);
                slot = limits;
            }
            var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    slot?.Leave();
                    return new RequestBody(null, BodyRefusal.TooLarge);
                }
                buffer.Write(chunk, 0, read);
            }
            var bytes = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
            return new RequestBody(bytes, BodyRefusal.None) { _slotHolder = slot };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            slot?.Leave();
            return new RequestBody(null, BodyRefusal.TooSlow);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode is StatusCodes.Status408RequestTimeout or StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limits (MinRequestBodyDataRate: a body trickling in) end the read.
            slot?.Leave();
            return new RequestBody(null, ex.StatusCode == StatusCodes.Status408RequestTimeout ? BodyRefusal.TooSlow : BodyRefusal.TooLarge);
        }
        catch
        {
            slot?.Leave();
            throw;
        }
    }

    /// How every endpoint answers a refused body: the status, a code and a message naming the
    /// setting. The endpoint gives its own code and setting for a body over its byte limit;
    /// a busy answer carries Retry-After.
    public (int Status, string Code, string Message) Answer(HttpResponse response, BodyLimits limits, string tooLargeCode, string limitSetting, long limit)
    {
        if (Refusal == BodyRefusal.Busy)
            response.Headers.RetryAfter = "5";
        return Refusal switch
        {
            BodyRefusal.TooSlow => (StatusCodes.Status408RequestTimeout, "BODY_TOO_SLOW",
                $"The body did not arrive within {limits.ReadTimeout.TotalSeconds:0} s (Server:BodyReadTimeoutSeconds), or came slower than the minimum data rate."),
            BodyRefusal.Busy => (StatusCodes.Status503ServiceUnavailable, "SERVER_BUSY",
                "Every slot for large request bodies stayed taken (Server:MaxConcurrentLargeBodies); send it again shortly."),
            _ => (StatusCodes.Status413PayloadTooLarge, tooLargeCode, $"The body exceeds the limit of {limit} bytes ({limitSetting})."),
        };
    }

    public void Dispose() => Interlocked.Exchange(ref _slotHolder, null)?.Leave();
}
