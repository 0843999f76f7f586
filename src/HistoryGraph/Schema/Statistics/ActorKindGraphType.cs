using GraphQL.Types;
using HistoryGraph.Ingestion.Statistics;

namespace HistoryGraph.Schema.Statistics;

public sealed class ActorKindGraphType : EnumerationGraphType<ActorKind>
{
    public ActorKindGraphType()
    {
        Name = "ActorKind";
        Description = "Who made a change.";
        Values["HUMAN"]!.Description = "A person, working in OpenMetadata themselves.";
        Values["BOT"]!.Description = "A bot (an ingestion pipeline, an automation) acting as itself.";
        Values["AGENT"]!.Description = "A bot or AI agent acting for a person (the event's `impersonatedBy`).";
    }
}
