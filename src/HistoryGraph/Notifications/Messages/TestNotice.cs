using System.Globalization;
using System.Text.Json.Nodes;

namespace HistoryGraph.Notifications.Messages;

/// The message `testNotificationTarget` sends: shaped like an event's notice (facts, a change
/// with values before and after, a link), so that a target's format and template are seen as
/// they will be, and saying plainly that it is a test.
public static class TestNotice
{
    public const string EventType = "test";

    public static MessageDocument Build(string targetName, string requestedBy, DateTime now, AssetLinks links)
    {
        const string fqn = "sample_service.sample_db.public.orders";
        var link = links.Of("table", fqn);
        return new MessageDocument
        {
            Title = $"🔔 Test message from HistoryGraph to {targetName}",
            Summary = $"{requestedBy} asked for a test message: this target receives HistoryGraph's notifications in this format.",
            Facts = [new("Asset", fqn), new("Type", "table"), new("By", requestedBy), new("Event", EventType)],
            Sections = [new MessageSection("Changes", [new MessageItem("description", "updated", Old: "Orders placed online", New: "Orders placed online and in stores")])],
            Link = link,
            Timestamp = now,
            Footer = "HistoryGraph · test message",
            Key = "test-" + now.Ticks.ToString(CultureInfo.InvariantCulture),
            EventType = EventType,
            Payload = new JsonObject { ["test"] = true, ["target"] = targetName, ["requestedBy"] = requestedBy, ["fqn"] = fqn, ["link"] = link },
            ModelName = "event",
            Values = new Dictionary<string, string?>
            {
                ["type"] = EventType,
                ["verb"] = "tested",
                ["entityType"] = "table",
                ["fqn"] = fqn,
                ["name"] = "orders",
                ["user"] = requestedBy,
                ["userIsBot"] = "false",
                ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
                ["breaking"] = "false",
                ["link"] = link,
            },
        };
    }
}
