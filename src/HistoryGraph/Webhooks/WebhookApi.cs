using System.Diagnostics;
using HistoryGraph.Access;
using HistoryGraph.Http;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Ingestion.Telemetry;
using HistoryGraph.Ingestion.Text;
using HistoryGraph.Ingestion.Writing;
using HistoryGraph.Shutdown;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Webhooks;

/// POST (or PUT) /webhook/openmetadata, and /webhook for users of the original tracker.
/// Verify the signature on the raw bytes, parse, and answer 200 only once the history store
/// has committed the delivery.
public static class WebhookApi
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        foreach (var path in new[] { "/webhook/openmetadata", "/webhook" })
            app.MapMethods(path, [HttpMethods.Post, HttpMethods.Put], ReceiveAsync).WithName($"Webhook {path}");
        return app;
    }

    /// Answers the delivery, and counts it by outcome (stored, duplicate, rejected, refused,
    /// unavailable, test) with the time to its answer, in a span that the commit's span links to.
    private static async Task<IResult> ReceiveAsync(
        HttpContext context,
        HistoryWriter writer,
        PayloadCodec codec,
        BodyLimits bodyLimits,
        IOptions<WebhookOptions> options,
        Authenticator authenticator,
        TimeProvider clock,
        HistoryMetrics metrics,
        ServerState server,
        IOptions<ShutdownOptions> shutdown,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = HistoryTracing.Source.StartActivity("webhook.delivery");
        // Closing: refused before the body is read, so that OpenMetadata sends it again (to
        // another instance behind the same address) rather than to a writer that is draining.
        var (result, outcome) = server.IsClosing
            ? (Problems.ShuttingDown(context, shutdown.Value.RetryAfterSeconds, "This instance is shutting down; nothing of this delivery was stored. Send it again."), "unavailable")
            : await AnswerAsync(context, writer, codec, bodyLimits, options.Value, authenticator, clock, loggers.CreateLogger(typeof(WebhookApi)), cancellationToken);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        metrics.WebhookDeliveries.Add(1, HistoryMetrics.Tag("outcome", outcome), HistoryMetrics.Tag("status", status));
        metrics.AcknowledgementDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, HistoryMetrics.Tag("outcome", outcome));
        activity?.SetTag("historygraph.outcome", outcome);
        activity?.SetTag("http.response.status_code", status);
        return result;
    }

    private static async Task<(IResult Result, string Outcome)> AnswerAsync(HttpContext context, HistoryWriter writer, PayloadCodec codec, BodyLimits bodyLimits,
        WebhookOptions settings, Authenticator authenticator, TimeProvider clock, ILogger log, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        // Unsigned deliveries are let in by their key before the body is read.
        var bySignature = DeliveryAccess.BySignature(context.Request, settings);
        if (!bySignature && await DeliveryAccess.RefuseUnsignedAsync(context, settings, authenticator, log) is { } refused)
            return (refused, "refused");

        // Held until the delivery is answered: a large body keeps its slot while it is written.
        using var request = await RequestBody.ReadAsync(context.Request, settings.MaxBodyBytes, bodyLimits, cancellationToken);
        if (request.Bytes is not { } body)
        {
            log.LogWarning("Webhook delivery refused: {Refusal} (limit {Limit} bytes)", request.Refusal, settings.MaxBodyBytes);
            var (status, code, message) = request.Answer(context.Response, bodyLimits, "BODY_TOO_LARGE", "OpenMetadata:MaxBodyBytes", settings.MaxBodyBytes);
            return (Problems.Create(status, code, "The body was not accepted", message), "refused");
        }

        if (bySignature)
        {
            var check = WebhookSignature.Verify(body, context.Request.Headers[WebhookSignature.HeaderName], settings.SecretKeys);
            if (check != SignatureCheck.Valid)
            {
                // Logged without the body or the presented signature.
                log.LogWarning("Webhook delivery refused: signature {Check} ({Bytes} bytes from {Remote})", check, body.Length, context.Connection.RemoteIpAddress);
                return (Problems.Create(StatusCodes.Status401Unauthorized, "SIGNATURE_INVALID", "The signature is not valid", check switch
                {
                    SignatureCheck.Missing => "The X-OM-Signature header is missing. Set the webhook's Secret Key in OpenMetadata.",
                    SignatureCheck.Malformed => "X-OM-Signature must be 'sha256=' followed by the Base64 HMAC-SHA256 of the body.",
                    _ => "X-OM-Signature does not match the body for any configured secret.",
                }), "refused");
            }
        }

        ParsedDelivery parsed;
        try
        {
            parsed = DeliveryParser.Parse(body, codec);
        }
        catch (Exception ex)
        {
            // The parser means to turn every input into events or reasons; should some input
            // still surprise it, the signed delivery is kept verbatim all the same.
            log.LogError(ex, "Webhook delivery could not be parsed; keeping it as rejected");
            parsed = ParsedDelivery.Unreadable(body, $"The delivery could not be read ({ex.GetType().Name}).");
        }
        if (parsed.Shape == DeliveryShape.TestMessage)
        {
            // Client text in a log line: escaped, so that a newline cannot forge another line.
            log.LogInformation("OpenMetadata test message received: {Message}", StrictText.ForLog(parsed.TestMessage));
            return (TypedResults.Ok(new WebhookReceipt("test message received", 0, 0, 0, [])), "test");
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await writer.WriteAsync(IncomingDelivery.From(parsed, body, receivedAt), cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            log.LogError("Webhook delivery not stored: {Error} ({Events} event(s), {Ms:0.0} ms)", ex.Message, parsed.Events.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (Problems.Unavailable(context, $"{ex.Message} Nothing of this delivery was stored; send it again."), "unavailable");
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        log.LogInformation(
            "Webhook delivery {Outcome} in {Ms:0.0} ms: {Events} event(s), {Stored} stored, {Duplicates} duplicate(s), {Rejected} rejected; keys {EventKeys}, fqns {Fqns}",
            outcome.HasRejections ? (outcome.Stored > 0 ? "partly rejected" : "rejected") : "stored", elapsed, parsed.Events.Count, outcome.Stored, outcome.Duplicates,
            outcome.RejectedIds.Count, parsed.Events.Select(e => StrictText.ForLog(e.EventKey)), parsed.Events.Select(e => StrictText.ForLog(e.Fqn)).Distinct());

        if (outcome.HasRejections)
        {
            // The writer's reasons: the parser's, or the database's when it refused the data.
            var reasons = outcome.RejectedReasons;
            return (Problems.Create(StatusCodes.Status400BadRequest, "UNREADABLE_DELIVERY", "The delivery could not be understood",
                $"{string.Join(" ", reasons)} It was kept verbatim for replay (rejected deliveries {string.Join(", ", outcome.RejectedIds)}); " +
                $"{outcome.Stored} event(s) of it were stored.",
                new Dictionary<string, object?> { ["rejectedIds"] = outcome.RejectedIds, ["stored"] = outcome.Stored, ["reasons"] = reasons }), "rejected");
        }
        // A redelivery that stored nothing new is a duplicate; any new event makes it stored.
        var kind = outcome.Stored == 0 && outcome.Duplicates > 0 ? "duplicate" : "stored";
        return (TypedResults.Ok(new WebhookReceipt("stored", parsed.Events.Count, outcome.Stored, outcome.Duplicates, outcome.Sequences)), kind);
    }
}
