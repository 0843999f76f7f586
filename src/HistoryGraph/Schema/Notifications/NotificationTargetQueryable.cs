using HistoryGraph.Conventions.Declarations;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

public static class NotificationTargetQueryable
{
    public static QueryableType<NotificationTarget> Declaration { get; } = new QueryableType<NotificationTarget>("NotificationTarget", "notification targets", typeof(NotificationTargetGraphType), connection: "notificationTargets")
        .Field("targetId", t => t.Id, FieldKind.Uuid, "The target's id, as the mutations take it.", sort: false)
        .Field("name", t => t.Name, FieldKind.String, "Unique name.")
        .Field("kind", t => t.Kind, FieldKind.Enum, "Where it sends, and so the format of its messages.", enumType: typeof(NotificationKindGraphType))
        .Field("enabled", t => t.Enabled, FieldKind.Boolean, "Whether it is sent anything.", sort: false)
        .Field("sendEvents", t => t.SendEvents, FieldKind.Boolean, "Whether it is sent change events (those `filter` matches).", sort: false)
        .Field("sendCheckpoints", t => t.SendCheckpoints, FieldKind.Boolean, "Whether it is sent every signed checkpoint of the transparency log.", sort: false)
        .Field("status", t => t.Status, FieldKind.Enum, "Its delivery health; the details are in `failureDetails`.", enumType: typeof(NotificationStatusGraphType))
        .Field("url", t => t.UrlMask, FieldKind.String, "The destination URL, masked: scheme, host and the last characters (incoming-webhook URLs carry their credentials).", filter: false, sort: false)
        .Field("secret", t => t.SecretMask, FieldKind.String, "WEBHOOK: the signing secret, masked.", filter: false, sort: false)
        .Field("botToken", t => t.BotTokenMask, FieldKind.String, "TELEGRAM: the bot token, masked.", filter: false, sort: false)
        .Field("chatId", t => t.ChatId, FieldKind.String, "TELEGRAM: the chat, group or channel.", sort: false)
        .Field("emails", t => t.Emails, FieldKind.StringList, "EMAIL: the recipients.")
        .Field("template", t => t.Template, FieldKind.String, "The Liquid template of the message text; null: the platform's standard message.", filter: false, sort: false)
        .Field("timeZone", t => t.TimeZone, FieldKind.String, "IANA time zone the digest schedules are read in.", sort: false)
        .Field("rateLimitPerMinute", t => (long?)t.RateLimitPerMinute, FieldKind.Long, "At most this many messages a minute; null: Notifications:RateLimitPerMinute.", filter: false, sort: false)
        .Field("createdBy", t => t.CreatedBy, FieldKind.String, "The admin key that made it.", sort: false)
        .Field("createdAt", t => t.CreatedAt, FieldKind.DateTime, "When it was made.")
        .Field("updatedAt", t => t.UpdatedAt, FieldKind.DateTime, "When it was last changed.")
        .Field("startSequence", t => t.StartSequence, FieldKind.Long, "Events after this sequence are notified: the store's highest when the target was made or last enabled.", filter: false, sort: false)
        .Field("consecutiveFailures", t => (long)t.ConsecutiveFailures, FieldKind.Long, "Failed attempts since the last success.", sort: false)
        .Field("disabledReason", t => t.DisabledReason, FieldKind.String, "Why it is DISABLED.", filter: false, sort: false)
        .KeyedBy(("name", SortDirection.Asc));
}
