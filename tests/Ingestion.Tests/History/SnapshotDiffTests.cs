using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.OpenMetadata;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Tests.History;

public class SnapshotDiffTests
{
    private static List<(string, ChangeType, string?, string?)> Diff(string older, string newer) =>
        SnapshotDiff.Diff(older, newer).Select(c => (c.Path, c.ChangeType, c.OldValueJson, c.NewValueJson)).ToList();

    [Fact]
    public void scalar_fields_are_added_updated_and_deleted()
    {
        var changes = Diff(
            """{"description":"old","displayName":"Orders","retention":7}""",
            """{"description":"new","owners":[],"retention":7,"dataLength":64}""");
        Assert.Equal(
            [
                ("description", ChangeType.Updated, "\"old\"", "\"new\""),
                ("owners", ChangeType.Added, null, "[]"),
                ("dataLength", ChangeType.Added, null, "64"),
                ("displayName", ChangeType.Deleted, "\"Orders\"", null),
            ],
            changes);
    }

    [Fact]
    public void bookkeeping_fields_are_ignored() =>
        Assert.Empty(Diff("""{"version":0.1,"updatedAt":1,"updatedBy":"a","href":"x"}""", """{"version":0.2,"updatedAt":2,"updatedBy":"b","href":"y"}"""));

    [Fact]
    public void tag_lists_report_only_the_items_added_and_removed()
    {
        var changes = Diff(
            """{"tags":[{"tagFQN":"PII.Sensitive","source":"Classification"},{"tagFQN":"Tier.Tier1"}]}""",
            """{"tags":[{"tagFQN":"Tier.Tier1"},{"tagFQN":"PII.NonSensitive","source":"Classification"}]}""");
        Assert.Equal(
            [
                ("tags", ChangeType.Added, null, """[{"tagFQN":"PII.NonSensitive","source":"Classification"}]"""),
                ("tags", ChangeType.Deleted, """[{"tagFQN":"PII.Sensitive","source":"Classification"}]""", null),
            ],
            changes);
    }

    [Fact]
    public void owner_lists_are_keyed_by_id()
    {
        var changes = Diff(
            """{"owners":[{"id":"1","type":"user","name":"a"}]}""",
            """{"owners":[{"id":"1","type":"user","name":"a"},{"id":"2","type":"team","name":"b"}]}""");
        Assert.Equal([("owners", ChangeType.Added, null, """[{"id":"2","type":"team","name":"b"}]""")], changes);
    }

    [Fact]
    public void columns_are_recursed_into_by_name_with_quoted_dotted_names()
    {
        var changes = Diff(
            """{"columns":[{"name":"id","dataType":"INT"},{"name":"a.b","description":"old","dataType":"VARCHAR"},{"name":"gone","dataType":"INT"}]}""",
            """{"columns":[{"name":"id","dataType":"BIGINT"},{"name":"a.b","description":"new","dataType":"VARCHAR"},{"name":"added","dataType":"INT"}]}""");
        Assert.Equal(
            [
                ("columns", ChangeType.Added, null, """[{"name":"added","dataType":"INT"}]"""),
                ("columns.id.dataType", ChangeType.Updated, "\"INT\"", "\"BIGINT\""),
                ("columns.\"a.b\".description", ChangeType.Updated, "\"old\"", "\"new\""),
                ("columns", ChangeType.Deleted, """[{"name":"gone","dataType":"INT"}]""", null),
            ],
            changes);
    }

    [Fact]
    public void a_reordered_list_of_columns_and_children_is_no_change() =>
        Assert.Empty(Diff(
            """{"columns":[{"name":"a","children":[{"name":"x"},{"name":"y"}]},{"name":"b"}],"tags":[{"tagFQN":"A.a"},{"tagFQN":"B.b"}]}""",
            """{"columns":[{"name":"b"},{"name":"a","children":[{"name":"y"},{"name":"x"}]}],"tags":[{"tagFQN":"B.b"},{"tagFQN":"A.a"}]}"""));

    [Fact]
    public void nested_children_are_matched_by_name_at_every_level_and_named_under_their_parent_as_openmetadata_does()
    {
        var changes = Diff(
            """{"columns":[{"name":"s","children":[{"name":"z.1","children":[{"name":"deep","dataType":"INT"},{"name":"old","dataType":"INT"}]}]}]}""",
            """{"columns":[{"name":"s","children":[{"name":"z.1","children":[{"name":"deep","dataType":"BIGINT"}]}]}]}""");
        Assert.Equal(
            [
                ("columns.s.\"z.1\".deep.dataType", ChangeType.Updated, "\"INT\"", "\"BIGINT\""),
                ("columns.s.\"z.1\"", ChangeType.Deleted, """[{"name":"old","dataType":"INT"}]""", null),
            ],
            changes);
    }

    [Fact]
    public void a_renamed_column_is_a_removal_and_an_addition_unless_its_id_stayed()
    {
        Assert.Equal(
            [
                ("columns", ChangeType.Added, null, """[{"name":"new_name","dataType":"INT"}]"""),
                ("columns", ChangeType.Deleted, """[{"name":"old_name","dataType":"INT"}]""", null),
            ],
            Diff("""{"columns":[{"name":"old_name","dataType":"INT"}]}""", """{"columns":[{"name":"new_name","dataType":"INT"}]}"""));
        Assert.Equal(
            [("columns.old_name.name", ChangeType.Updated, "\"old_name\"", "\"new_name\"")],
            Diff("""{"columns":[{"id":"c1","name":"old_name","dataType":"INT"}]}""", """{"columns":[{"id":"c1","name":"new_name","dataType":"INT"}]}"""));
    }

    [Fact]
    public void items_keyed_by_id_that_are_not_references_are_recursed_into_under_their_name() =>
        Assert.Equal(
            [("tasks.load.description", ChangeType.Updated, "\"a\"", "\"b\"")],
            Diff("""{"tasks":[{"id":"1","name":"load","description":"a"}]}""", """{"tasks":[{"id":"1","name":"load","description":"b"}]}"""));

    [Fact]
    public void entity_references_are_compared_whole()
    {
        var changes = Diff("""{"service":{"id":"1","type":"databaseService","name":"a"}}""", """{"service":{"id":"2","type":"databaseService","name":"b"}}""");
        Assert.Equal([("service", ChangeType.Updated, """{"id":"1","type":"databaseService","name":"a"}""", """{"id":"2","type":"databaseService","name":"b"}""")], changes);
    }

    [Fact]
    public void nested_objects_such_as_custom_properties_are_recursed_into() =>
        Assert.Equal(
            [("extension.costCenter", ChangeType.Updated, "\"A\"", "\"B\"")],
            Diff("""{"extension":{"costCenter":"A","team":"x"}}""", """{"extension":{"costCenter":"B","team":"x"}}"""));

    [Fact]
    public void deleted_flag_changes_are_seen() =>
        Assert.Equal([("deleted", ChangeType.Updated, "false", "true")], Diff("""{"deleted":false}""", """{"deleted":true}"""));

    [Fact]
    public void identical_snapshots_give_no_changes() =>
        Assert.Empty(Diff("""{"a":[1,2],"b":{"c":null}}""", """{"b":{"c":null},"a":[1,2]}"""));

    [Fact]
    public void field_values_decode_string_wrapped_json()
    {
        Assert.Equal("[{\"a\":1}]", FieldValue.Decode("\"[{\\\"a\\\":1}]\""));
        Assert.Equal("\"plain text\"", FieldValue.Decode("\"plain text\""));
        Assert.Equal("\"[not json\"", FieldValue.Decode("\"[not json\""));
        Assert.Equal("true", FieldValue.Decode("true"));
    }
}
