namespace HistoryGraph.Ingestion.Statistics;

/// Who made a change, as change statistics count it.
public enum ActorKind
{
    /// A person, working in OpenMetadata themselves.
    Human,
    /// A bot (an ingestion pipeline, an automation) acting as itself.
    Bot,
    /// A bot or AI agent acting for a person: OpenMetadata names the person as the change's
    /// user and the agent as its `impersonatedBy`.
    Agent,
}
