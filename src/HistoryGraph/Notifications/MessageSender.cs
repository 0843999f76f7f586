using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Notifications.Messages;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace HistoryGraph.Notifications;

/// Sends one message to one target in the target's platform format, once (retrying is the
/// caller's, which keeps the schedule in the store): over the checked outbound HTTP client, or
/// SMTP for EMAIL, within Notifications:TimeoutSeconds, reading at most MaxResponseBytes of
/// the answer. No URL, token or secret appears in what it returns or logs.
public sealed class MessageSender(IHttpClientFactory httpClients, TargetSecrets secrets, IOptions<NotificationOptions> options, TimeProvider clock)
{
    public async Task<SendOutcome> SendAsync(NotificationTarget target, MessageDocument document, long deliveryId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        double Elapsed() => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        MessageTemplate? template;
        try
        {
            template = target.Template is { } text ? MessageTemplate.Parse(text) : null;
        }
        catch (FormatException ex)
        {
            return SendOutcome.Permanent($"The template does not parse: {ex.Message}");
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)), clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (target.Kind == NotificationKind.Email)
                return await SendEmailAsync(target, document, template, settings, Elapsed, linked.Token);
            using var request = Request(target, document, template, deliveryId);
            using var response = await httpClients.CreateClient(OutboundHttp.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var excerpt = await ExcerptAsync(response, settings, linked.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode && !TelegramRefused(target, excerpt))
                return new SendOutcome(true, false, code, excerpt, null, null, Elapsed());
            var retryable = code is 408 or 429 or >= 500;
            return new SendOutcome(false, retryable, code, excerpt, $"The receiver answered {code} {response.ReasonPhrase}.", RetryAfter(response, excerpt), Elapsed());
        }
        catch (OutboundAddressRefusedException ex)
        {
            return SendOutcome.Permanent(ex.Message, Elapsed());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(false, true, null, null, $"No answer within {settings.TimeoutSeconds} s (Notifications:TimeoutSeconds).", null, Elapsed());
        }
        catch (HttpRequestException ex)
        {
            // The message names the host at most (the handler's), never the path that carries a token.
            return new SendOutcome(false, true, null, null, $"The receiver could not be reached: {ex.Message}", null, Elapsed());
        }
    }

    /// The message a target of a chat platform or WEBHOOK is sent, as JSON; for EMAIL its
    /// subject, text and HTML (what `notificationDigest` previews).
    public static JsonObject Body(NotificationTarget target, MessageDocument document, MessageTemplate? template) => target.Kind switch
    {
        NotificationKind.Slack => SlackMessage.Build(document, template),
        NotificationKind.Teams => TeamsMessage.Build(document, template),
        NotificationKind.Discord => DiscordMessage.Build(document, template),
        NotificationKind.GoogleChat => GoogleChatMessage.Build(document, template),
        NotificationKind.Webhook => WebhookMessage.Build(document, template),
        NotificationKind.Telegram => TelegramMessage.Build(document, template, target.ChatId ?? ""),
        _ => Email(EmailMessage.Build(document, template, "HistoryGraph <historygraph@localhost>", target.Emails)),
    };

    private static JsonObject Email(MimeKit.MimeMessage message)
    {
        using (message)
            return new JsonObject { ["subject"] = message.Subject, ["text"] = message.TextBody, ["html"] = message.HtmlBody };
    }

    /// The HTTP request for a target of a chat platform or WEBHOOK.
    public HttpRequestMessage Request(NotificationTarget target, MessageDocument document, MessageTemplate? template, long deliveryId)
    {
        var url = target.Kind == NotificationKind.Telegram
            ? $"{options.Value.TelegramApiUrl.TrimEnd('/')}/bot{secrets.Unprotect(target.ProtectedBotToken!)}/sendMessage"
            : secrets.Unprotect(target.ProtectedUrl!);
        var bytes = document.SentBodies.GetOrAdd((target.Kind, target.ChatId, template), _ => JsonSerializer.SerializeToUtf8Bytes(Body(target, document, template)));
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("HistoryGraph-Notifications/1.0");
        if (target.Kind == NotificationKind.Webhook)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(WebhookMessage.TimestampHeader, now.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookMessage.SignatureHeader, WebhookMessage.Signature(secrets.Unprotect(target.ProtectedSecret!), now, bytes));
            request.Headers.Add(WebhookMessage.DeliveryHeader, deliveryId.ToString(CultureInfo.InvariantCulture));
        }
        return request;
    }

    private async Task<SendOutcome> SendEmailAsync(NotificationTarget target, MessageDocument document, MessageTemplate? template, NotificationOptions settings,
        Func<double> elapsed, CancellationToken cancellationToken)
    {
        var smtp = settings.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            return SendOutcome.Permanent("No SMTP server is configured (Notifications:Smtp:Host).");
        var from = string.IsNullOrWhiteSpace(smtp.From) ? $"HistoryGraph <historygraph@{smtp.Host}>" : smtp.From;
        using var message = EmailMessage.Build(document, template, from, target.Emails);
        using var client = new SmtpClient { Timeout = Math.Max(1, settings.TimeoutSeconds) * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
                await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
            var answer = await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new SendOutcome(true, false, 250, answer, null, null, elapsed());
        }
        catch (SmtpCommandException ex)
        {
            // 4xx replies are the server's "try again later"; 5xx are final.
            var code = (int)ex.StatusCode;
            return new SendOutcome(false, code is >= 400 and < 500, code, null, $"The SMTP server refused: {ex.Message}", null, elapsed());
        }
        catch (AuthenticationException ex)
        {
            return SendOutcome.Permanent($"The SMTP server refused the credentials (Notifications:Smtp:UserName): {ex.Message}", elapsed());
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or SslHandshakeException or ServiceNotConnectedException)
        {
            return new SendOutcome(false, true, null, null, $"The SMTP server could not be reached: {ex.Message}", null, elapsed());
        }
    }

    private static SecureSocketOptions Security(SmtpOptions smtp) => smtp.Security.ToUpperInvariant() switch
    {
        "NONE" => SecureSocketOptions.None,
        "STARTTLS" => SecureSocketOptions.StartTls,
        "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, NotificationOptions settings, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        // Most answers are a few bytes ("ok"); the buffer for the largest one read is lent.
        var limit = Math.Max(1, settings.MaxResponseBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            var read = 0;
            while (read < limit && await stream.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken) is var n and > 0)
                read += n;
            if (read == 0)
                return null;
            return EventNotice.Excerpt(Encoding.UTF8.GetString(buffer, 0, read), Math.Max(1, settings.ResponseExcerptChars));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// Telegram answers some refusals with 200 and `"ok": false`.
    private static bool TelegramRefused(NotificationTarget target, string? excerpt)
    {
        if (target.Kind != NotificationKind.Telegram || excerpt is null)
            return false;
        try
        {
            return JsonNode.Parse(excerpt)?["ok"]?.GetValue<bool>() == false;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// The receiver's wish: Retry-After (seconds or a date), or Telegram's parameters.retry_after.
    private TimeSpan? RetryAfter(HttpResponseMessage response, string? excerpt)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
                return delta;
            if (header.Date is { } date)
                return date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests && excerpt is not null)
        {
            try
            {
                if (JsonNode.Parse(excerpt)?["parameters"]?["retry_after"]?.GetValue<double>() is { } seconds)
                    return TimeSpan.FromSeconds(seconds);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                // not Telegram's JSON: no wish
            }
        }
        return null;
    }
}
