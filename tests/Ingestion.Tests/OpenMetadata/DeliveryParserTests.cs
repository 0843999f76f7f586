using System.Text;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Payloads;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Ingestion.Tests.OpenMetadata;

public class DeliveryParserTests
{
    private static readonly PayloadCodec Codec = new();

    private static ParsedDelivery Parse(string json) => DeliveryParser.Parse(Encoding.UTF8.GetBytes(json), Codec);

    private static ChangeEventMessage Single(string json)
    {
        var parsed = Parse(json);
        Assert.Equal(DeliveryShape.SingleEvent, parsed.Shape);
        Assert.Empty(parsed.Rejected);
        return Assert.Single(parsed.Events);
    }

    [Fact]
    public void sample_owners_added_event_is_read_with_its_change_description()
    {
        var e = Single(Samples.Text("01-"));
        Assert.Equal("6e56e9c8-bf9f-425b-8bcb-faa32c875bd8", e.EventKey);
        Assert.Equal("entityUpdated", e.EventType);
        Assert.Equal("table", e.EntityType);
        Assert.Equal(Guid.Parse("23471210-cfec-49f9-ad02-898e11621121"), e.EntityId);
        Assert.Equal(0.1m, e.PreviousVersion);
        Assert.Equal(0.3m, e.CurrentVersion);
        Assert.Equal(new DateTime(2024, 11, 7, 8, 27, 21, 783, DateTimeKind.Utc), e.Timestamp);
        var change = Assert.Single(e.FieldChanges);
        Assert.Equal("owners", change.Path);
        Assert.Equal(ChangeType.Added, change.ChangeType);
        Assert.Null(change.OldValueJson);
        Assert.StartsWith("\"[{\\\"id\\\":\\\"ae458aa2", change.NewValueJson);
    }

    [Fact]
    public void embedded_entity_of_another_asset_is_not_taken_as_this_entitys_snapshot()
    {
        // Sample 01 embeds a databaseService (id ec9c9ae5...) in an event about a table.
        var e = Single(Samples.Text("01-"));
        Assert.Null(e.Entity);
        Assert.Null(e.Fqn);
        Assert.Contains("ec9c9ae5-ed82-4c4e-b2b1-a603940cbe0a", Codec.Text(e.Payload));
    }

    [Theory]
    [InlineData("02-", "databaseService", "Glue")]
    [InlineData("c01-", null, null)]
    public void entity_sent_as_a_json_string_is_parsed_twice(string sample, string? type, string? fqn)
    {
        var parsed = DeliveryParser.Parse(Samples.Bytes(sample), Codec);
        var e = parsed.Events[0];
        Assert.NotNull(e.Entity);
        if (type is not null)
        {
            Assert.Equal(type, e.EntityType);
            Assert.Equal(fqn, e.Entity!.Fqn);
        }
        else
            Assert.Equal("kafka_prod.orders", e.Entity!.Fqn);
    }

    [Fact]
    public void batch_with_data_wrapper_gives_every_event()
    {
        var parsed = DeliveryParser.Parse(Samples.Bytes("c01-"), Codec);
        Assert.Equal(DeliveryShape.Batch, parsed.Shape);
        Assert.Equal(["a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000002"], parsed.Events.Select(e => e.EventKey));
        Assert.Equal(0.2m, parsed.Events[1].Entity!.Version);
        Assert.Equal("Order events", parsed.Events[1].Entity!.Description);
    }

    [Fact]
    public void one_item_nested_too_deep_is_refused_alone_and_the_rest_of_its_batch_is_read()
    {
        var first = OmEvent.Created(Guid.NewGuid(), "deep.db.s.first").ToJson();
        var last = OmEvent.Created(Guid.NewGuid(), "deep.db.s.last").ToJson();
        var deep = $$"""{"eventType":"entityUpdated","entityType":"table","timestamp":1790000000000,"entityId":"{{Guid.NewGuid()}}","extra":{{new string('[', 5000)}}{{new string(']', 5000)}}}""";

        var parsed = Parse($$$"""{"data":[{{{first}}},{{{deep}}},{{{last}}}],"paging":{"total":3}}""");

        Assert.Equal(DeliveryShape.Batch, parsed.Shape);
        Assert.Equal(["deep.db.s.first", "deep.db.s.last"], parsed.Events.Select(e => e.Fqn));
        var refused = Assert.Single(parsed.Rejected);
        Assert.Equal(1, refused.Index);
        Assert.Equal(deep, Encoding.UTF8.GetString(refused.Body));
        Assert.Contains("data[1]", refused.Reason);
    }

    [Theory]
    [InlineData("single")]
    [InlineData("malformed")]
    public void a_deep_single_event_or_a_malformed_batch_is_still_refused_whole(string kind)
    {
        var deep = new string('[', 200) + new string(']', 200);
        var body = kind == "single"
            ? $$"""{"eventType":"entityUpdated","entityType":"table","timestamp":1790000000000,"extra":{{deep}}}"""
            : $$$"""{"data":[{"extra":{{{deep}}}},]}""";

        var parsed = Parse(body);

        Assert.Equal(DeliveryShape.Unreadable, parsed.Shape);
        Assert.Equal(body, Encoding.UTF8.GetString(Assert.Single(parsed.Rejected).Body));
    }

    [Fact]
    public void test_connection_message_is_recognised_and_holds_no_event()
    {
        var parsed = DeliveryParser.Parse(Samples.Bytes("12-"), Codec);
        Assert.Equal(DeliveryShape.TestMessage, parsed.Shape);
        Assert.Empty(parsed.Events);
        Assert.Empty(parsed.Rejected);
        Assert.StartsWith("This is a test message", parsed.TestMessage);
    }

    [Fact]
    public void event_without_id_gets_a_stable_synthetic_key()
    {
        var first = Single(Samples.Text("c02-"));
        var again = Single(Samples.Text("c02-"));
        Assert.StartsWith("synthetic:", first.EventKey);
        Assert.Equal(first.EventKey, again.EventKey);
        Assert.Null(first.EventId);
        Assert.Null(first.Entity);
        Assert.Equal("airflow.nightly_load", first.Fqn);
    }

    [Fact]
    public void synthetic_key_depends_on_entity_type_version_and_time()
    {
        var id = Guid.NewGuid();
        var t = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var key = DeliveryParser.SyntheticKey(id, "entityUpdated", 0.4m, t);
        Assert.Equal(key, DeliveryParser.SyntheticKey(id, "entityUpdated", 0.40m, t));
        Assert.NotEqual(key, DeliveryParser.SyntheticKey(id, "entityUpdated", 0.5m, t));
        Assert.NotEqual(key, DeliveryParser.SyntheticKey(id, "entitySoftDeleted", 0.4m, t));
        Assert.NotEqual(key, DeliveryParser.SyntheticKey(id, "entityUpdated", 0.4m, t.AddMilliseconds(1)));
        Assert.NotEqual(key, DeliveryParser.SyntheticKey(Guid.NewGuid(), "entityUpdated", 0.4m, t));
    }

    [Fact]
    public void entity_sent_as_an_object_and_quoted_column_path_are_understood()
    {
        var e = Single(Samples.Text("c03-"));
        Assert.Equal("mysql_prod.shop.public.\"orders.v2\"", e.Entity!.Fqn);
        Assert.Equal("orders.v2", e.Entity.Name);
        Assert.Equal("columns.\"a.b\".description", e.FieldChanges[0].Path);
        Assert.Equal("\"dotted column\"", e.FieldChanges[0].OldValueJson);
    }

    [Fact]
    public void boolean_field_values_are_kept_as_json_booleans()
    {
        var e = Single(Samples.Text("c04-"));
        Assert.Equal(("false", "true"), (e.FieldChanges[0].OldValueJson, e.FieldChanges[0].NewValueJson));
        Assert.True(e.Entity!.Deleted);
    }

    [Fact]
    public void hard_delete_without_change_description_is_read()
    {
        var e = Single(Samples.Text("c06-"));
        Assert.Equal("entityDeleted", e.EventType);
        Assert.False(e.HasChangeDescription);
        Assert.Null(e.PreviousVersion);
        Assert.Equal(0.4m, e.Version);
    }

    [Fact]
    public void unknown_fields_and_event_types_are_accepted_and_kept_raw()
    {
        var json = """{"id":"a1b2c3d4-0000-4000-8000-000000000001","eventType":"dataContractResultAdded","entityType":"dataContract","entityId":"a1b2c3d4-0000-4000-8000-0000000000aa","timestamp":1790000000000,"futureField":{"x":[1,2]},"domains":["x"]}""";
        var e = Single(json);
        Assert.Equal("dataContractResultAdded", e.EventType);
        Assert.Contains("futureField", Codec.Text(e.Payload));
        Assert.Null(e.CurrentVersion);
        Assert.Null(e.UserName);
    }

    [Fact]
    public void numbers_and_timestamps_sent_as_strings_are_accepted()
    {
        var json = """{"id":"x-1","eventType":"entityUpdated","entityType":"table","entityId":"a1b2c3d4-0000-4000-8000-0000000000aa","timestamp":"1790000000000","currentVersion":"1.2","previousVersion":"1.1"}""";
        var e = Single(json);
        Assert.Equal(1.2m, e.CurrentVersion);
        Assert.Equal(1.1m, e.PreviousVersion);
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1790000000000), e.Timestamp);
        Assert.Equal("x-1", e.EventKey);
        Assert.Null(e.EventId);
    }

    [Fact]
    public void change_description_sent_as_a_json_string_is_decoded()
    {
        var json = """{"id":"c1","eventType":"entityUpdated","entityType":"table","entityId":"a1b2c3d4-0000-4000-8000-0000000000aa","timestamp":1790000000000,"changeDescription":"{\"fieldsUpdated\":[{\"name\":\"description\",\"oldValue\":\"a\",\"newValue\":\"b\"}]}"}""";
        var change = Assert.Single(Single(json).FieldChanges);
        Assert.Equal(("description", ChangeType.Updated, "\"a\"", "\"b\""), (change.Path, change.ChangeType, change.OldValueJson, change.NewValueJson));
    }

    [Fact]
    public void entity_id_missing_is_taken_from_the_entity()
    {
        var id = Guid.NewGuid();
        var json = $$"""{"id":"c2","eventType":"entityCreated","entityType":"table","timestamp":1790000000000,"entity":"{\"id\":\"{{id}}\",\"fullyQualifiedName\":\"a.b\"}"}""";
        Assert.Equal(id, Single(json).EntityId);
    }

    [Fact]
    public void legacy_single_owner_becomes_an_owner_list()
    {
        var e = new OmEvent { Entity = new JsonObject { ["owner"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "user", ["name"] = "aaron" } } };
        var owners = Single(e.ToJson()).Entity!.OwnersJson;
        Assert.StartsWith("[{", owners);
        Assert.Contains("aaron", owners);
    }

    [Fact]
    public void tier_is_read_from_the_tier_tag()
    {
        var e = new OmEvent
        {
            Entity = new JsonObject
            {
                ["tags"] = new JsonArray(
                    new JsonObject { ["tagFQN"] = "PII.Sensitive", ["source"] = "Classification" },
                    new JsonObject { ["tagFQN"] = "Tier.Tier1", ["source"] = "Classification" }),
            },
        };
        Assert.Equal("Tier.Tier1", Single(e.ToJson()).Entity!.Tier);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "JSON array")]
    [InlineData("\"text\"", "JSON string")]
    [InlineData("{\"events\":[]}", "\"eventType\" is missing")]
    [InlineData("{\"data\":{}}", "needs an array")]
    [InlineData("{\"eventType\":\"entityCreated\",\"entityType\":\"table\",\"timestamp\":1}", "\"entityId\" is missing")]
    [InlineData("{\"eventType\":\"entityCreated\",\"entityType\":\"table\",\"entityId\":\"nope\",\"timestamp\":1}", "not a UUID")]
    [InlineData("{\"eventType\":\"entityCreated\",\"entityType\":\"table\",\"entityId\":\"a1b2c3d4-0000-4000-8000-0000000000aa\"}", "\"timestamp\"")]
    [InlineData("{\"eventType\":\"entityCreated\",\"entityId\":\"a1b2c3d4-0000-4000-8000-0000000000aa\",\"timestamp\":1}", "\"entityType\"")]
    public void unreadable_bodies_are_rejected_whole_with_a_reason_and_their_bytes(string body, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var parsed = DeliveryParser.Parse(bytes, Codec);
        Assert.Equal(DeliveryShape.Unreadable, parsed.Shape);
        Assert.Empty(parsed.Events);
        var rejected = Assert.Single(parsed.Rejected);
        Assert.Null(rejected.Index);
        Assert.Contains(reason, rejected.Reason);
        Assert.Equal(bytes, rejected.Body);
    }

    [Fact]
    public void bad_items_of_a_batch_are_rejected_alone_and_the_rest_is_kept()
    {
        var good = new OmEvent();
        var body = $"{{\"data\":[{good.ToJson()},{{\"eventType\":42}},\"junk\"]}}";
        var parsed = Parse(body);
        Assert.Equal(DeliveryShape.Batch, parsed.Shape);
        Assert.Equal(good.Id, Assert.Single(parsed.Events).EventKey);
        Assert.Equal([1, 2], parsed.Rejected.Select(r => r.Index!.Value));
        Assert.Equal("{\"eventType\":42}", Encoding.UTF8.GetString(parsed.Rejected[0].Body));
        Assert.StartsWith("data[1]:", parsed.Rejected[0].Reason);
    }

    [Fact]
    public void byte_order_mark_is_ignored()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(new OmEvent().ToBytes()).ToArray();
        Assert.Equal(DeliveryShape.SingleEvent, DeliveryParser.Parse(bytes, Codec).Shape);
    }
}
