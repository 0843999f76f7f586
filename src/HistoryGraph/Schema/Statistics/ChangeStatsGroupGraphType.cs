using GraphQL.Types;
using HistoryGraph.Statistics;

namespace HistoryGraph.Schema.Statistics;

public sealed class ChangeStatsGroupGraphType : EnumerationGraphType<ChangeStatsGroup>
{
    public ChangeStatsGroupGraphType()
    {
        Name = "ChangeStatsGroup";
        Description = "What to count a bucket's events by.";
        Values["EVENT_TYPE"]!.Description = "OpenMetadata's event type.";
        Values["ENTITY_TYPE"]!.Description = "The entity's type.";
        Values["CATEGORY"]!.Description = "The categories of the event's field changes (an event counts once under each of its categories; events without field changes under none).";
        Values["USER"]!.Description = "The user or bot (null key: events without one).";
        Values["SERVICE"]!.Description = "The service of the entity (null key: none known).";
        Values["SEMANTIC_CHANGE"]!.Description = "The event's semantic step (NONE, PATCH, MINOR, MAJOR).";
        Values["IS_BOT"]!.Description = "Whether a bot made the change (\"true\" or \"false\").";
        Values["ACTOR_KIND"]!.Description = "Who made the change: HUMAN (a person), BOT (a bot as itself) or AGENT (a bot or AI agent acting for a person, named by the event's `impersonatedBy`); null key: neither a user nor an agent named.";
    }
}
