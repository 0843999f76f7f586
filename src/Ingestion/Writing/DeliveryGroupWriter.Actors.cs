using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Writing;

// Actors: every user name that made a change, every bot a change was made through, and
// every user entity (which tells isBot).
internal sealed partial class DeliveryGroupWriter
{
    private static IEnumerable<string> ActorNames(ChangeEventMessage message)
    {
        if (!string.IsNullOrWhiteSpace(message.UserName))
            yield return message.UserName;
        if (!string.IsNullOrWhiteSpace(message.ImpersonatedBy))
            yield return message.ImpersonatedBy;
        if (UserEntityName(message) is { } name)
            yield return name;
    }

    private static string? UserEntityName(ChangeEventMessage message) =>
        message.EntityType == "user" && message.Entity?.Name is { Length: > 0 } name ? name : null;

    private void CountActors(ChangeEventMessage message)
    {
        if (!string.IsNullOrWhiteSpace(message.UserName))
        {
            var actor = GetOrAddActor(message.UserName, message.Timestamp);
            actor.ChangeCount++;
        }
        // The bot a change was made through is seen, but the change is the user's. Only bots
        // act for people in OpenMetadata, so it is one, until its user entity says otherwise.
        if (!string.IsNullOrWhiteSpace(message.ImpersonatedBy))
            GetOrAddActor(message.ImpersonatedBy, message.Timestamp).IsBot = true;
        if (UserEntityName(message) is { } name && message.Entity?.IsBot is { } isBot)
        {
            var user = GetOrAddActor(name, message.Timestamp);
            user.IsBot = isBot || IsBotByName(name);
        }
    }

    private Actor GetOrAddActor(string name, DateTime seenAt)
    {
        if (!_actors.TryGetValue(name, out var actor))
        {
            actor = new Actor { Name = name, IsBot = IsBotByName(name), FirstSeenAt = seenAt, LastSeenAt = seenAt };
            _actors[name] = actor;
            if (!_batched)
                db.Actors.Add(actor);
        }
        _actorsChanged.Add(actor);
        if (seenAt < actor.FirstSeenAt)
            actor.FirstSeenAt = seenAt;
        if (seenAt > actor.LastSeenAt)
            actor.LastSeenAt = seenAt;
        actor.IsBot |= IsBotByName(name);
        return actor;
    }

    private bool IsBotByName(string name) =>
        name.EndsWith("-bot", StringComparison.OrdinalIgnoreCase) || options.BotUsers.Contains(name, StringComparer.OrdinalIgnoreCase);
}
