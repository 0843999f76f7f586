using GraphQL;
using GraphQL.Types;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Notifications;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.Live;
using HistoryGraph.Notifications.Messages;
using HistoryGraph.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HistoryGraph.Notifications;

/// Creates, changes and deletes notification targets, checking everything a target needs before
/// it is saved (its destination for its kind, a URL the server may send to, a filter, a template
/// and schedules that parse), so that a saved target fails only for reasons outside the server.
public sealed class TargetManagement(
    IDbContextFactory<HistoryDbContext> contexts,
    TargetSecrets secrets,
    ISchema schema,
    IOptions<NotificationOptions> options,
    IOptions<FilterOptions> filterOptions,
    TimeProvider clock)
{
    public const int MaxNameLength = 128;
    public const int MaxTemplateLength = 20_000;
    public const int MaxEmails = 50;

    public async Task<NotificationTarget> CreateAsync(IDictionary<string, object?> input, string who, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var target = new NotificationTarget
        {
            Id = Guid.CreateVersion7(),
            Name = "",
            TimeZone = "UTC",
            Enabled = true,
            Status = NotificationStatus.Active,
            CreatedBy = who,
            CreatedAt = now,
            UpdatedAt = now,
            DigestsCheckedAt = now,
        };
        Apply(target, input);
        await CheckResolvedAsync(input, cancellationToken);
        if (!target.Enabled)
            (target.Status, target.DisabledReason) = (NotificationStatus.Disabled, $"created disabled by {who}");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        target.StartSequence = await HighestSequenceAsync(db, cancellationToken);
        db.NotificationTargets.Add(target);
        await SaveAsync(db, target, cancellationToken);
        return target;
    }

    public async Task<NotificationTarget> UpdateAsync(Guid id, IDictionary<string, object?> input, string who, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await db.NotificationTargets.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw NotFound(id);
        var wasEnabled = target.Enabled;
        var destination = (target.Kind, target.ProtectedUrl, target.ProtectedSecret, target.ProtectedBotToken, target.ChatId, string.Join(',', target.Emails));
        Apply(target, input);
        await CheckResolvedAsync(input, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        target.UpdatedAt = now;
        if (target.Enabled && !wasEnabled)
        {
            // Enabled again: from now on, as a new target would be; what happened while it was off is not replayed.
            target.StartSequence = await HighestSequenceAsync(db, cancellationToken);
            target.DigestsCheckedAt = now;
            (target.Status, target.DisabledReason, target.ConsecutiveFailures, target.NextAttemptAt) = (NotificationStatus.Active, null, 0, null);
        }
        else if (!target.Enabled && wasEnabled)
        {
            (target.Status, target.DisabledReason) = (NotificationStatus.Disabled, $"disabled by {who}");
        }
        else if (target.Enabled && destination != (target.Kind, target.ProtectedUrl, target.ProtectedSecret, target.ProtectedBotToken, target.ChatId, string.Join(',', target.Emails)))
        {
            // A new destination is tried at once, not when the old one's retry was due.
            target.NextAttemptAt = null;
        }
        await SaveAsync(db, target, cancellationToken);
        return target;
    }

    /// Removes the target and its delivery log; returns it as it was.
    public async Task<NotificationTarget> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await db.NotificationTargets.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw NotFound(id);
        db.NotificationTargets.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    public static ExecutionError NotFound(Guid id) => new($"No notification target has the id {id}.") { Code = "NOT_FOUND" };

    private static async Task<long> HighestSequenceAsync(HistoryDbContext db, CancellationToken cancellationToken) =>
        await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;

    private static async Task SaveAsync(HistoryDbContext db, NotificationTarget target, CancellationToken cancellationToken)
    {
        if (await db.NotificationTargets.AnyAsync(t => t.Name == target.Name && t.Id != target.Id, cancellationToken))
            throw NameTaken(target.Name);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Made meanwhile by another request: the unique index refused the second.
            if (await db.NotificationTargets.AsNoTracking().AnyAsync(t => t.Name == target.Name && t.Id != target.Id, cancellationToken))
                throw NameTaken(target.Name);
            throw;
        }
    }

    private static ExecutionError NameTaken(string name) => new($"A notification target is already named '{name}'.") { Code = "NAME_TAKEN" };

    /// Sets what the input gives (a key given as null clears an optional value), then checks
    /// the whole target for its kind.
    private void Apply(NotificationTarget target, IDictionary<string, object?> input)
    {
        var settings = options.Value;
        if (input.TryGetValue("name", out var name))
        {
            var text = (name as string)?.Trim();
            if (string.IsNullOrEmpty(text) || text.Length > MaxNameLength)
                throw Invalid($"`name` must be 1 to {MaxNameLength} characters.");
            target.Name = text;
        }
        if (input.TryGetValue("kind", out var kind) && kind is NotificationKind given)
            target.Kind = given;
        if (input.TryGetValue("url", out var url))
        {
            if (url is string text)
            {
                if (OutboundHttp.Problem(text, settings.AllowPrivateNetworks) is { } problem)
                    throw new ExecutionError($"`url` {problem}") { Code = "URL_REFUSED" };
                (target.ProtectedUrl, target.UrlMask) = (secrets.Protect(text), TargetSecrets.MaskUrl(text));
            }
            else
            {
                (target.ProtectedUrl, target.UrlMask) = (null, null);
            }
        }
        if (input.TryGetValue("secret", out var secret))
            (target.ProtectedSecret, target.SecretMask) = secret is string text ? (secrets.Protect(text), TargetSecrets.Mask(text)) : (null, null);
        if (input.TryGetValue("botToken", out var token))
            (target.ProtectedBotToken, target.BotTokenMask) = token is string text ? (secrets.Protect(text), TargetSecrets.Mask(text)) : (null, null);
        if (input.TryGetValue("chatId", out var chat))
            target.ChatId = (chat as string)?.Trim() is { Length: > 0 } text ? text : null;
        if (input.TryGetValue("emails", out var emails))
            target.Emails = Emails(emails as IEnumerable<object?>);
        if (input.TryGetValue("filter", out var filter))
            target.Filter = Filter(filter as IDictionary<string, object?>);
        if (input.TryGetValue("template", out var template))
            target.Template = Template(template as string);
        if (input.TryGetValue("enabled", out var enabled) && enabled is bool on)
            target.Enabled = on;
        if (input.TryGetValue("sendEvents", out var sendEvents) && sendEvents is bool events)
            target.SendEvents = events;
        if (input.TryGetValue("sendCheckpoints", out var sendCheckpoints) && sendCheckpoints is bool checkpoints)
            target.SendCheckpoints = checkpoints;
        if (input.TryGetValue("timeZone", out var zone))
            target.TimeZone = TimeZone(zone as string ?? "UTC");
        if (input.TryGetValue("digests", out var digests))
            target.Digests = Digests(digests as IEnumerable<object?>);
        if (input.TryGetValue("rateLimitPerMinute", out var rate))
        {
            if (rate is int perMinute && perMinute is < 1 or > 6000)
                throw Invalid("`rateLimitPerMinute` must be between 1 and 6000.");
            target.RateLimitPerMinute = rate as int?;
        }
        CheckDestination(target);
    }

    /// A URL whose host name resolves only to addresses a notification may not reach is refused
    /// now, not at its first message (sending checks each connection again, whatever the name
    /// resolves to by then). A name that does not resolve is left to sending to report.
    private async Task CheckResolvedAsync(IDictionary<string, object?> input, CancellationToken cancellationToken)
    {
        if (!input.TryGetValue("url", out var url) || url is not string text)
            return;
        if (await OutboundHttp.ResolvedProblemAsync(text, options.Value.AllowPrivateNetworks, cancellationToken) is { } problem)
            throw new ExecutionError($"`url` {problem}") { Code = "URL_REFUSED" };
    }

    /// What each kind needs, and nothing it would ignore: a value meant for another kind is
    /// refused rather than kept unused.
    private void CheckDestination(NotificationTarget target)
    {
        var kind = KindName(target.Kind);
        var usesUrl = target.Kind is not (NotificationKind.Telegram or NotificationKind.Email);
        if (usesUrl && target.ProtectedUrl is null)
            throw Invalid($"A {kind} target needs a `url`.");
        if (!usesUrl && target.ProtectedUrl is not null)
            throw Invalid($"A {kind} target takes no `url`.");
        if (target.Kind == NotificationKind.Webhook && target.ProtectedSecret is null)
            throw Invalid("A WEBHOOK target needs a `secret`: its messages are signed with it (X-HistoryGraph-Signature).");
        if (target.Kind != NotificationKind.Webhook && target.ProtectedSecret is not null)
            throw Invalid($"`secret` is for WEBHOOK targets; a {kind} target takes none.");
        if (target.Kind == NotificationKind.Telegram && (target.ProtectedBotToken is null || target.ChatId is null))
            throw Invalid("A TELEGRAM target needs a `botToken` and a `chatId`.");
        if (target.Kind != NotificationKind.Telegram && (target.ProtectedBotToken is not null || target.ChatId is not null))
            throw Invalid($"`botToken` and `chatId` are for TELEGRAM targets; a {kind} target takes none.");
        if (target.Kind == NotificationKind.Email)
        {
            if (target.Emails.Count == 0)
                throw Invalid("An EMAIL target needs `emails`.");
            if (string.IsNullOrWhiteSpace(options.Value.Smtp.Host))
                throw new ExecutionError("EMAIL targets need an SMTP server: set Notifications:Smtp:Host (and From).") { Code = "SMTP_NOT_CONFIGURED" };
        }
        else if (target.Emails.Count > 0)
        {
            throw Invalid($"`emails` are for EMAIL targets; a {kind} target takes none.");
        }
    }

    private static string KindName(NotificationKind kind) => kind == NotificationKind.GoogleChat ? "GOOGLE_CHAT" : kind.ToString().ToUpperInvariant();

    private static List<string> Emails(IEnumerable<object?>? given)
    {
        var emails = new List<string>();
        foreach (var item in given ?? [])
        {
            var text = (item as string)?.Trim() ?? "";
            if (!MailboxAddress.TryParse(text, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
                throw Invalid($"'{text}' is not an email address.");
            if (!emails.Contains(address.Address, StringComparer.OrdinalIgnoreCase))
                emails.Add(address.Address);
        }
        if (emails.Count > MaxEmails)
            throw Invalid($"At most {MaxEmails} `emails`.");
        return emails;
    }

    /// The filter is checked as the `changes` subscription checks its `where` (size, and that
    /// it compiles), then kept as JSON.
    private string? Filter(IDictionary<string, object?>? where)
    {
        if (where is null || where.Count == 0)
            return null;
        FilterSize.Check(where, filterOptions.Value);
        LiveTopics.Changes(where);
        return NotificationFilter.Write(schema, where);
    }

    private static string? Template(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (text.Length > MaxTemplateLength)
            throw new ExecutionError($"`template` must be at most {MaxTemplateLength} characters.") { Code = "INVALID_TEMPLATE" };
        if (!MessageTemplate.TryParse(text, out var error))
            throw new ExecutionError($"`template` is not a Liquid template: {error}") { Code = "INVALID_TEMPLATE" };
        return text;
    }

    private static string TimeZone(string id)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
            throw Invalid($"'{id}' is not a time zone: give an IANA name such as Europe/Paris or America/New_York.");
        return id;
    }

    private static List<DigestSchedule> Digests(IEnumerable<object?>? given)
    {
        var schedules = new List<DigestSchedule>();
        foreach (var item in (given ?? []).OfType<IDictionary<string, object?>>())
        {
            var period = (DigestPeriod)item["period"]!;
            if (period == DigestPeriod.Custom)
                throw Invalid("A digest schedule is DAILY or WEEKLY; CUSTOM periods are for `sendDigest`.");
            var cron = item.TryGetValue("cron", out var cronGiven) && (cronGiven as string)?.Trim() is { Length: > 0 } text ? text : DefaultCron(period);
            if (CronSchedules.Parse(cron) is null)
                throw Invalid($"'{cron}' is not a cron expression (five fields, or six with seconds first).");
            schedules.Add(new DigestSchedule(period, cron, item.TryGetValue("sendWhenEmpty", out var empty) && empty is true));
        }
        if (schedules.Count > 10)
            throw Invalid("At most 10 digest schedules.");
        return schedules;
    }

    public static string DefaultCron(DigestPeriod period) => period == DigestPeriod.Weekly ? "0 9 * * MON" : "0 9 * * *";

    private static ExecutionError Invalid(string message) => new(message) { Code = "INVALID_ARGUMENT" };
}
