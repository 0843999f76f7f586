using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace HistoryGraph.Notifications.Messages;

/// A custom webhook's message: the JSON envelope `{event_type, timestamp, payload}` (with `text`
/// when the target has a template), signed against tampering and replays. The signature is
/// `sha256=` and the Base64 HMAC-SHA256, keyed with the target's secret, of
/// "<X-HistoryGraph-Timestamp>.<body>": a receiver recomputes it over the exact bytes it got and
/// refuses a timestamp too far from its own clock (README: "Verifying a signed webhook").
public static class WebhookMessage
{
    public const string TimestampHeader = "X-HistoryGraph-Timestamp";
    public const string SignatureHeader = "X-HistoryGraph-Signature";
    public const string DeliveryHeader = "X-HistoryGraph-Delivery";

    public static JsonObject Build(MessageDocument document, MessageTemplate? template)
    {
        JsonNode payload;
        // One notice serves every target of an event, at once: a JsonNode is not safe to read
        // from two threads while it fills in lazily.
        lock (document.Payload)
            payload = document.Payload.DeepClone();
        var envelope = new JsonObject
        {
            ["event_type"] = document.EventType,
            ["timestamp"] = document.Timestamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["payload"] = payload,
        };
        if (template is not null)
            envelope["text"] = template.Render(document, value => value);
        return envelope;
    }

    /// The X-HistoryGraph-Signature value for a body sent at `unixSeconds`.
    public static string Signature(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        // "<timestamp>." and the body hashed in turn: the body is not copied to sign it.
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return "sha256=" + Convert.ToBase64String(hmac.GetHashAndReset());
    }
}
