using HistoryGraph.Ingestion.History;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Ingestion.Tests.History;

public class SemanticChangeClassifierTests
{
    private static SemanticChange Classify(string path, ChangeType changeType, string entityType = "table", string? oldValue = null, string? newValue = null) =>
        SemanticChangeClassifier.Classify(path, changeType, FieldChangeClassifier.Classify(path, entityType, oldValue, newValue));

    [Theory]
    // Removed or renamed structure.
    [InlineData("columns", ChangeType.Deleted)]
    [InlineData("columns.address", ChangeType.Deleted)]
    [InlineData("columns.old_name.name", ChangeType.Updated)]
    [InlineData("columns.address.old_child.name", ChangeType.Updated)]
    [InlineData("messageSchema.schemaFields", ChangeType.Deleted, "topic")]
    [InlineData("charts", ChangeType.Deleted, "dashboard")]
    [InlineData("tasks", ChangeType.Deleted, "pipeline")]
    [InlineData("mlFeatures", ChangeType.Deleted, "mlmodel")]
    [InlineData("dataModel.columns", ChangeType.Deleted, "container")]
    // Types, constraints, partitioning.
    [InlineData("columns.id.dataType", ChangeType.Updated)]
    [InlineData("columns.\"a.b\".dataLength", ChangeType.Updated)]
    [InlineData("columns.id.constraint", ChangeType.Added)]
    [InlineData("tableConstraints", ChangeType.Updated)]
    [InlineData("tablePartition", ChangeType.Added)]
    public void removals_renames_and_type_constraint_and_partition_changes_are_major(string path, ChangeType changeType, string entityType = "table") =>
        Assert.Equal(SemanticChange.Major, Classify(path, changeType, entityType));

    [Theory]
    [InlineData("columns", ChangeType.Added)]
    [InlineData("columns.address", ChangeType.Added)]
    [InlineData("charts", ChangeType.Added, "dashboard")]
    [InlineData("owners", ChangeType.Added)]
    [InlineData("owners", ChangeType.Deleted)]
    [InlineData("domain", ChangeType.Updated)]
    [InlineData("synonyms", ChangeType.Added, "glossaryTerm")]
    [InlineData("deleted", ChangeType.Updated)]
    [InlineData("retentionPeriod", ChangeType.Updated)]
    public void additions_classification_and_other_changes_are_minor(string path, ChangeType changeType, string entityType = "table") =>
        Assert.Equal(SemanticChange.Minor, Classify(path, changeType, entityType));

    [Theory]
    [InlineData("""[{"tagFQN":"PII.Sensitive","source":"Classification"}]""")]
    [InlineData("""[{"tagFQN":"Tier.Tier1","source":"Classification"}]""")]
    [InlineData("""[{"tagFQN":"Glossary.Term","source":"Glossary"}]""")]
    public void tags_tiers_and_glossary_terms_are_minor_whether_added_or_removed(string tags)
    {
        Assert.Equal(SemanticChange.Minor, Classify("tags", ChangeType.Added, newValue: tags));
        Assert.Equal(SemanticChange.Minor, Classify("columns.email.tags", ChangeType.Deleted, oldValue: tags));
    }

    [Theory]
    [InlineData("description")]
    [InlineData("displayName")]
    [InlineData("columns.\"a.b\".description")]
    [InlineData("tasks.load.description")]
    public void documentation_is_a_patch(string path) =>
        Assert.Equal(SemanticChange.Patch, Classify(path, ChangeType.Updated));

    [Theory]
    [InlineData("followers")]
    [InlineData("votes")]
    [InlineData("extension.costCenter")]
    [InlineData("columns.id.ordinalPosition")]
    public void followers_votes_custom_properties_and_positions_are_none(string path) =>
        Assert.Equal(SemanticChange.None, Classify(path, ChangeType.Updated));

    [Fact]
    public void only_major_is_breaking() =>
        Assert.Equal([false, false, false, true], Enum.GetValues<SemanticChange>().Select(SemanticChangeClassifier.IsBreaking));
}
