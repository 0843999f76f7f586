using GraphQL.Types;
using HistoryGraph.Conventions.Filtering;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.Notifications;

/// The fields the create and update inputs share; on update, each one given replaces the
/// target's value (null clears an optional one) and each one left out keeps it.
internal static class NotificationTargetInputFields
{
    public static void AddTo(InputObjectGraphType input, bool creating)
    {
        if (creating)
        {
            input.Field<NonNullGraphType<StringGraphType>>("name").Description("Unique name, 1 to 128 characters.");
            input.Field<NonNullGraphType<NotificationKindGraphType>>("kind").Description("Where it sends.");
        }
        else
        {
            input.Field<StringGraphType>("name").Description("Unique name, 1 to 128 characters.");
            input.Field<NotificationKindGraphType>("kind").Description("Where it sends; the destination must then suit the new kind.");
        }
        input.Field<StringGraphType>("url").Description("SLACK, TEAMS, DISCORD, GOOGLE_CHAT and WEBHOOK: the incoming-webhook or receiver URL (http or https; private addresses only with Notifications:AllowPrivateNetworks). Kept encrypted, shown masked.");
        input.Field<StringGraphType>("secret").Description("WEBHOOK: the key messages are signed with (X-HistoryGraph-Signature). Kept encrypted, never shown.");
        input.Field<StringGraphType>("botToken").Description("TELEGRAM: the bot's token from BotFather. Kept encrypted, never shown.");
        input.Field<StringGraphType>("chatId").Description("TELEGRAM: the chat, group or channel (`-100...` or `@channelname`).");
        input.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("emails").Description("EMAIL: the recipients (at most 50), sent through Notifications:Smtp.");
        input.Field<FilterInputGraphType<ChangeEvent>>("filter").Description("The events it is sent, as the `changes` subscription's `where`; null: every event.");
        input.Field<StringGraphType>("template").Description("A Liquid template for the message text (see the README for the values it sees); null: the platform's standard message.");
        input.Field<BooleanGraphType>("enabled").Description(creating ? "Whether it is sent anything. Default: true." : "Whether it is sent anything; enabling starts from the events after now.");
        input.Field<BooleanGraphType>("sendEvents").Description("Whether it is sent change events (those `filter` matches). Default: true; false: digests and checkpoints only.");
        input.Field<BooleanGraphType>("sendCheckpoints").Description("Whether it is sent every signed checkpoint of the transparency log, so that it keeps copies outside the store (a witness of the history). Default: false.");
        input.Field<StringGraphType>("timeZone").Description("IANA time zone the digest schedules are read in. Default: UTC.");
        input.Field<ListGraphType<NonNullGraphType<DigestScheduleInputGraphType>>>("digests").Description("Daily and weekly digests.");
        input.Field<IntGraphType>("rateLimitPerMinute").Description("At most this many messages a minute (1 to 6000); null: Notifications:RateLimitPerMinute.");
    }
}
