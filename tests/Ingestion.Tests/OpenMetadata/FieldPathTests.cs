using HistoryGraph.Ingestion.OpenMetadata;

namespace HistoryGraph.Ingestion.Tests.OpenMetadata;

public class FieldPathTests
{
    [Theory]
    [InlineData("description", new[] { "description" })]
    [InlineData("columns.shop_id.description", new[] { "columns", "shop_id", "description" })]
    [InlineData("columns.\"a.b\".description", new[] { "columns", "a.b", "description" })]
    [InlineData("sample_data.ecommerce_db.shopify.\"dim.shop\".shop_id", new[] { "sample_data", "ecommerce_db", "shopify", "dim.shop", "shop_id" })]
    [InlineData("columns.parent.child.tags", new[] { "columns", "parent", "child", "tags" })]
    public void splits_on_dots_outside_quotes(string path, string[] parts) => Assert.Equal(parts, FieldPath.Split(path));

    [Fact]
    public void join_quotes_parts_that_contain_dots() =>
        Assert.Equal("columns.\"a.b\".description", FieldPath.Join(["columns", "a.b", "description"]));

    [Fact]
    public void split_and_join_round_trip()
    {
        const string fqn = "mysql_prod.shop.public.\"orders.v2\".\"a.b\"";
        Assert.Equal(fqn, FieldPath.Join(FieldPath.Split(fqn)));
    }
}
