using GraphQL.Types;
using HistoryGraph.Notifications;
using HistoryGraph.Schema.Scalars;

namespace HistoryGraph.Schema.Notifications;

public sealed class NotificationDigestGraphType : ObjectGraphType<DigestPreview>
{
    public NotificationDigestGraphType()
    {
        Name = "NotificationDigest";
        Description = "A target's digest of a period: its numbers, and the message its platform would be sent.";
        Field<NonNullGraphType<StringGraphType>>("title").Description("The message's title.").Resolve(c => c.Source.Document.Title);
        Field<NonNullGraphType<StringGraphType>>("summary").Description("One sentence: the period, events, assets, people and bots.").Resolve(c => c.Source.Document.Summary);
        Field<NonNullGraphType<BooleanGraphType>>("empty").Description("Nothing matching the target's filter happened in the period.").Resolve(c => c.Source.Document.Empty);
        Field<NonNullGraphType<JsonGraphType>>("report").Description("The numbers as JSON: events by type, most changed assets, most active people and bots, deletions, breaking changes.")
            .Resolve(c => System.Text.Json.JsonSerializer.SerializeToElement(c.Source.Document.Payload));
        Field<NonNullGraphType<JsonGraphType>>("message").Description("The body the target's platform would receive (for EMAIL: subject, text and html).")
            .Resolve(c => System.Text.Json.JsonSerializer.SerializeToElement(c.Source.Message));
    }
}
