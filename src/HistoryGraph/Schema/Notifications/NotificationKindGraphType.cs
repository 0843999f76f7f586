using GraphQL.Types;
using HistoryGraph.Ingestion.Notifications;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationKindGraphType : EnumerationGraphType<NotificationKind>
{
    public NotificationKindGraphType()
    {
        Name = "NotificationKind";
        Description = "Where a notification target sends, and so the format of its messages.";
        Values["SLACK"]!.Description = "A Slack incoming webhook: Block Kit messages.";
        Values["TEAMS"]!.Description = "A Microsoft Teams incoming webhook (or Workflows URL): Adaptive Cards.";
        Values["DISCORD"]!.Description = "A Discord webhook: embeds.";
        Values["TELEGRAM"]!.Description = "A Telegram bot and chat: MarkdownV2 messages through the Bot API (Notifications:TelegramApiUrl).";
        Values["GOOGLE_CHAT"]!.Description = "A Google Chat space webhook: cards.";
        Values["EMAIL"]!.Description = "Email addresses, plain text and HTML, through the SMTP server of Notifications:Smtp.";
        Values["WEBHOOK"]!.Description = "Any HTTPS receiver: a JSON envelope signed with the target's secret (X-HistoryGraph-Signature).";
    }
}
