using HistoryGraph.Ingestion.History;

namespace HistoryGraph.Ingestion.Tests.History;

public class SnapshotLeavesTests
{
    private static Dictionary<string, SnapshotLeaves.Leaf> Leaves(string json) => SnapshotLeaves.Of(json).ToDictionary(l => l.Path);

    [Fact]
    public void lists_are_sets_so_a_reordered_list_has_the_same_key()
    {
        var before = Leaves("""{"tags":[{"tagFQN":"A.a"},{"tagFQN":"B.b"}],"owners":[{"id":"1","type":"user"},{"id":"2","type":"team"}]}""");
        var after = Leaves("""{"tags":[{"tagFQN":"B.b"},{"tagFQN":"A.a"}],"owners":[{"id":"2","type":"team"},{"id":"1","type":"user"}]}""");
        Assert.Equal(before["tags"].Key, after["tags"].Key);
        Assert.Equal(before["owners"].Key, after["owners"].Key);
    }

    [Fact]
    public void the_tier_is_its_own_leaf_and_left_out_of_the_tags()
    {
        var leaves = Leaves("""{"tags":[{"tagFQN":"Tier.Tier2"},{"tagFQN":"PII.Sensitive"}]}""");
        Assert.Equal("Tier.Tier2", leaves["tier"].Key);
        Assert.Equal("""[{"tagFQN":"PII.Sensitive"}]""", leaves["tags"].ValueJson);
    }

    [Fact]
    public void a_single_owner_of_older_releases_and_a_domain_are_leaves() =>
        Assert.Equal(["owner", "domain"], Leaves("""{"owner":{"id":"1","type":"user","name":"a"},"domain":{"id":"d","type":"domain","name":"Sales"}}""").Keys);

    [Fact]
    public void nested_columns_are_named_under_their_parent_with_quoted_dotted_names()
    {
        var leaves = Leaves("""{"columns":[{"name":"a.b","dataType":"STRUCT","children":[{"name":"c","dataType":"INT","constraint":"NOT_NULL"}]}]}""");
        Assert.Equal(["columns.\"a.b\".dataType", "columns.\"a.b\".c.dataType", "columns.\"a.b\".c.constraint"], leaves.Keys);
        Assert.Equal("\"a.b\".c", leaves["columns.\"a.b\".c.constraint"].Column);
    }
}
