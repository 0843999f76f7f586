namespace HistoryGraph.Ingestion.Notifications;

/// Where a notification target sends, and so the format of its messages.
public enum NotificationKind
{
    Slack,
    Teams,
    Discord,
    Telegram,
    GoogleChat,
    Email,
    Webhook,
}
