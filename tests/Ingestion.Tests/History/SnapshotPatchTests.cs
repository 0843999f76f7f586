using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryGraph.Ingestion.History;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;

namespace HistoryGraph.Ingestion.Tests.History;

/// Every patch is applied back by ASP.NET Core's JSON Patch implementation, not by our own code.
public class SnapshotPatchTests
{
    private static string Patch(string older, string newer)
    {
        using var o = JsonDocument.Parse(older);
        using var n = JsonDocument.Parse(newer);
        return SnapshotPatch.Create(o.RootElement, n.RootElement);
    }

    /// Applies the patch to the older snapshot and checks the result is the newer one without its volatile fields.
    private static string AppliedBack(string older, string newer)
    {
        var patch = Patch(older, newer);
        var document = JsonSerializer.Deserialize<JsonPatchDocument>(patch)!;
        var target = JsonNode.Parse(older)!;
        document.ApplyTo(target);
        var expected = JsonNode.Parse(newer)!.AsObject();
        foreach (var name in SnapshotFields.Volatile)
            expected.Remove(name);
        Assert.True(JsonNode.DeepEquals(expected, target), $"patch {patch}\ngave {target.ToJsonString()}\nwanted {expected.ToJsonString()}");
        return patch;
    }

    [Fact]
    public void identical_snapshots_give_an_empty_patch_apart_from_the_volatile_fields() =>
        Assert.Equal("""[{"op":"remove","path":"/version"},{"op":"remove","path":"/updatedAt"}]""",
            AppliedBack("""{"version":0.1,"updatedAt":1,"name":"t"}""", """{"version":0.2,"updatedAt":2,"name":"t"}"""));

    [Fact]
    public void scalars_are_added_replaced_and_removed() =>
        Assert.Equal("""[{"op":"remove","path":"/displayName"},{"op":"replace","path":"/description","value":"new"},{"op":"add","path":"/retention","value":7}]""",
            AppliedBack("""{"description":"old","displayName":"Orders"}""", """{"description":"new","retention":7}"""));

    [Fact]
    public void a_reordered_column_list_is_rebuilt_with_moves_and_a_changed_column_is_patched_in_place()
    {
        var patch = AppliedBack(
            """{"columns":[{"name":"a","dataType":"INT"},{"name":"b","dataType":"INT"},{"name":"c","dataType":"INT","description":"x"}]}""",
            """{"columns":[{"name":"c","dataType":"INT","description":"y"},{"name":"a","dataType":"INT"},{"name":"b","dataType":"BIGINT"}]}""");
        Assert.Equal("""[{"op":"move","from":"/columns/2","path":"/columns/0"},{"op":"replace","path":"/columns/0/description","value":"y"},{"op":"replace","path":"/columns/2/dataType","value":"BIGINT"}]""", patch);
    }

    [Fact]
    public void nested_columns_are_matched_by_name_at_every_level() =>
        AppliedBack(
            """{"columns":[{"name":"s","dataType":"STRUCT","children":[{"name":"x.y","dataType":"INT"},{"name":"gone","dataType":"INT"},{"name":"z","dataType":"STRING","children":[{"name":"deep","dataType":"INT"}]}]}]}""",
            """{"columns":[{"name":"s","dataType":"STRUCT","children":[{"name":"z","dataType":"STRING","children":[{"name":"deep","dataType":"BIGINT"},{"name":"new","dataType":"INT"}]},{"name":"x.y","dataType":"INT","description":"d"}]}]}""");

    [Fact]
    public void tags_owners_and_plain_lists_are_rebuilt_exactly() =>
        AppliedBack(
            """{"tags":[{"tagFQN":"PII.Sensitive"},{"tagFQN":"Tier.Tier1"}],"owners":[{"id":"1","type":"user","name":"a"}],"synonyms":["x","y"]}""",
            """{"tags":[{"tagFQN":"Tier.Tier1"},{"tagFQN":"PII.None"}],"owners":[{"id":"2","type":"team","name":"b"},{"id":"1","type":"user","name":"a"}],"synonyms":["y","x","z"]}""");

    [Fact]
    public void lists_with_repeated_or_no_keys_are_replaced_whole() =>
        Assert.Equal("""[{"op":"replace","path":"/a","value":[1,1,2]},{"op":"replace","path":"/b","value":[{"k":2}]}]""",
            AppliedBack("""{"a":[1,2],"b":[{"k":1}]}""", """{"a":[1,1,2],"b":[{"k":2}]}"""));

    [Fact]
    public void names_with_slashes_and_tildes_are_escaped_as_json_pointers() =>
        Assert.Equal("""[{"op":"replace","path":"/extension/a~1b~0c","value":2}]""",
            AppliedBack("""{"extension":{"a/b~c":1}}""", """{"extension":{"a/b~c":2}}"""));

    [Fact]
    public void a_whole_table_from_the_samples_round_trips_to_a_much_changed_version()
    {
        var older = """
            {"id":"6f1c","name":"dim_customer","fullyQualifiedName":"svc.db.s.dim_customer","version":0.3,"updatedAt":1,"updatedBy":"a",
             "href":"http://x","description":"Customers","tableType":"Regular",
             "columns":[{"name":"id","dataType":"BIGINT","constraint":"PRIMARY_KEY","ordinalPosition":1},
                        {"name":"email","dataType":"VARCHAR","dataLength":255,"tags":[{"tagFQN":"PII.Sensitive","source":"Classification"}],"ordinalPosition":2},
                        {"name":"address","dataType":"STRUCT","children":[{"name":"city","dataType":"STRING"},{"name":"zip.code","dataType":"STRING"}],"ordinalPosition":3}],
             "owners":[{"id":"u1","type":"user","name":"alice"}],"tags":[],"changeDescription":{"fieldsAdded":[]},"deleted":false}
            """;
        var newer = """
            {"id":"6f1c","name":"dim_customer","fullyQualifiedName":"svc.db.s.dim_customer","version":1.0,"updatedAt":9,"updatedBy":"b",
             "href":"http://y","description":"Customers, one row each","tableType":"Regular",
             "columns":[{"name":"address","dataType":"STRUCT","children":[{"name":"zip.code","dataType":"INT"},{"name":"country","dataType":"STRING"}],"ordinalPosition":1},
                        {"name":"id","dataType":"BIGINT","constraint":"PRIMARY_KEY","ordinalPosition":2},
                        {"name":"phone","dataType":"VARCHAR","dataLength":32,"ordinalPosition":3}],
             "owners":[{"id":"t1","type":"team","name":"crm"}],"tags":[{"tagFQN":"Tier.Tier2","source":"Classification"}],"deleted":false,"extension":{"costCenter":"A/1"}}
            """;
        AppliedBack(older, newer);
    }
}
