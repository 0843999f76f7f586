using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.Storage;
using HistoryGraph.TestSupport;

namespace HistoryGraph.Ingestion.Tests.History;

public class FieldChangeClassifierTests
{
    [Theory]
    [InlineData("description", FieldCategory.Description)]
    [InlineData("displayName", FieldCategory.DisplayName)]
    [InlineData("owners", FieldCategory.Owners)]
    [InlineData("owner", FieldCategory.Owners)]
    [InlineData("followers", FieldCategory.Followers)]
    [InlineData("domain", FieldCategory.Domain)]
    [InlineData("domains", FieldCategory.Domain)]
    [InlineData("deleted", FieldCategory.Deletion)]
    [InlineData("extension.costCenter", FieldCategory.CustomProperty)]
    [InlineData("columns", FieldCategory.Schema)]
    [InlineData("columns.shop_id.dataType", FieldCategory.Schema)]
    [InlineData("columns.shop_id.description", FieldCategory.Description)]
    [InlineData("tasks.snowflake_task.description", FieldCategory.Description)]
    [InlineData("tableConstraints", FieldCategory.Schema)]
    [InlineData("retentionPeriod", FieldCategory.Other)]
    [InlineData("synonyms", FieldCategory.Glossary)]
    public void paths_fall_into_their_category(string path, FieldCategory category) =>
        Assert.Equal(category, FieldChangeClassifier.Classify(path, "table", null, "\"x\"").Category);

    [Fact]
    public void any_field_of_a_glossary_term_is_glossary() =>
        Assert.Equal(FieldCategory.Glossary, FieldChangeClassifier.Classify("mutuallyExclusive", "glossaryTerm", "false", "true").Category);

    [Fact]
    public void classification_tags_are_tags()
    {
        var sample = Samples.Text("08-");
        var value = sample[(sample.IndexOf("\"newValue\": ", StringComparison.Ordinal) + 12)..sample.IndexOf("\n", sample.IndexOf("\"newValue\"", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Equal(FieldCategory.Tags, FieldChangeClassifier.Classify("tags", "query", null, value.Trim()).Category);
    }

    [Fact]
    public void glossary_terms_used_as_tags_are_glossary()
    {
        const string removed = "\"[{\\\"tagFQN\\\":\\\"test.term2\\\",\\\"source\\\":\\\"Glossary\\\"}]\"";
        Assert.Equal(FieldCategory.Glossary, FieldChangeClassifier.Classify("tags", "table", removed, null).Category);
    }

    [Fact]
    public void a_tier_tag_makes_the_change_a_tier_change()
    {
        const string added = "\"[{\\\"tagFQN\\\":\\\"Tier.Tier2\\\",\\\"source\\\":\\\"Classification\\\"}]\"";
        Assert.Equal(FieldCategory.Tier, FieldChangeClassifier.Classify("tags", "table", null, added).Category);
    }

    [Theory]
    [InlineData("columns.shop_id.description", "description", "shop_id")]
    [InlineData("columns.\"a.b\".description", "description", "a.b")]
    [InlineData("columns.parent.child.tags", "tags", "parent.child")]
    [InlineData("columns.\"p.q\".child.tags", "tags", "\"p.q\".child")]
    [InlineData("columns.shop_id", "columns", "shop_id")]
    [InlineData("description", "description", null)]
    [InlineData("tasks.extract.description", "description", null)]
    public void field_and_column_are_read_from_the_path(string path, string field, string? column)
    {
        var c = FieldChangeClassifier.Classify(path, "table", null, null);
        Assert.Equal((field, column), (c.Field, c.Column));
    }
}
