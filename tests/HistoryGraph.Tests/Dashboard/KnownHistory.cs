using System.Text.Json.Nodes;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Tests.Dashboard;

/// A small catalog's last three weeks, as OpenMetadata would have sent it, for the dashboard's
/// tests to read back: tables changed by people, a bot and an agent, a breaking column change,
/// a soft and a hard delete, and a dashboard. Times are relative to the start of the test so
/// that everything falls in the dashboard's default 30-day window.
public sealed class KnownHistory
{
    public const string Orders = "shop.sales.public.orders";
    public const string Customers = "shop.sales.public.customers";
    public const string Legacy = "shop.sales.public.legacy_orders";
    public const string SalesDashboard = "superset.sales_overview";
    /// The column whose type bob's agent changed five days ago: the breaking change.
    public const string RetypedColumn = "column_5";

    public Guid OrdersId { get; } = Guid.NewGuid();
    public Guid CustomersId { get; } = Guid.NewGuid();
    public Guid LegacyId { get; } = Guid.NewGuid();
    public Guid DashboardId { get; } = Guid.NewGuid();
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;
    public List<OmEvent> Events { get; } = [];

    public KnownHistory()
    {
        var random = new Random(32);
        var orders = OmEvent.Created(OrdersId, Orders, timestamp: At(days: -10)) with { UserName = "ingestion-bot", Entity = RealisticTable.Entity(Orders, 12, random) };
        var described = WithColumn(orders.Next(minutesLater: 0) with { UserName = "alice", Timestamp = At(days: -8) }, "column_3", "description", "The customer's order number, unique per shop.");
        var retyped = WithColumn(described.Next(minutesLater: 0) with { UserName = "bob", ImpersonatedBy = "mcp-agent", Timestamp = At(days: -5) }, RetypedColumn, "dataType", "BIGINT");
        var tagged = retyped.Next(minutesLater: 0) with { UserName = "alice", ImpersonatedBy = null, Timestamp = At(days: -2) };
        tagged = tagged.Set("tags", new JsonArray(new JsonObject { ["tagFQN"] = "Tier.Tier1", ["source"] = "Classification", ["labelType"] = "Manual", ["state"] = "Confirmed" }));
        Events.AddRange([orders, described, retyped, tagged]);

        var customers = OmEvent.Created(CustomersId, Customers, timestamp: At(days: -9)) with { UserName = "ingestion-bot", Entity = RealisticTable.Entity(Customers, 8, random) };
        var redescribed = (customers.Next(minutesLater: 0) with { UserName = "carol", Timestamp = At(days: -3) }).Set("description", JsonValue.Create("Everyone who ever bought something."));
        var softDeleted = (redescribed.Next("entitySoftDeleted", minutesLater: 0) with { UserName = "bob", Timestamp = At(days: -1) }).Set("deleted", JsonValue.Create(true));
        Events.AddRange([customers, redescribed, softDeleted]);

        var legacy = OmEvent.Created(LegacyId, Legacy, timestamp: At(days: -20)) with { UserName = "ingestion-bot", Entity = RealisticTable.Entity(Legacy, 6, random) };
        var hardDeleted = legacy.Next("entityDeleted", minutesLater: 0) with { UserName = "admin", Timestamp = At(days: -4), WithChangeDescription = false };
        Events.AddRange([legacy, hardDeleted]);

        var dashboard = OmEvent.Created(DashboardId, SalesDashboard, timestamp: At(days: -6)) with
        {
            EntityType = "dashboard",
            UserName = "alice",
            Entity = new JsonObject { ["description"] = "Sales at a glance.", ["charts"] = new JsonArray(new JsonObject { ["name"] = "revenue", ["chartType"] = "Line" }) },
        };
        var dashboardDescribed = (dashboard.Next(minutesLater: 60) with { UserName = "carol" }).Set("description", JsonValue.Create("Sales and returns at a glance."));
        Events.AddRange([dashboard, dashboardDescribed]);
    }

    /// Posts every event, signed, and waits until each was stored.
    public async Task PostAsync(HistoryGraphServer server)
    {
        foreach (var e in Events)
        {
            using var response = await server.PostAsync(e.ToJson());
            Assert.True(response.IsSuccessStatusCode, $"{e.EventType} {e.Fqn}: {(int)response.StatusCode}");
        }
    }

    private long At(int days) => Now.AddDays(days).ToUnixTimeMilliseconds();

    /// An update of one column's property, in the snapshot and in the change description.
    private static OmEvent WithColumn(OmEvent e, string column, string property, string value)
    {
        var entity = (JsonObject)e.Entity!.DeepClone();
        var target = entity["columns"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == column)!.AsObject();
        var old = target[property]?.DeepClone();
        target[property] = value;
        if (property == "dataType")
            target["dataTypeDisplay"] = value.ToLowerInvariant();
        return (e with { Entity = entity }).Change("fieldsUpdated", $"columns.{column}.{property}", old, JsonValue.Create(value));
    }
}
