using GraphQL.Types;
using HistoryGraph.Ingestion.Storage;

namespace HistoryGraph.Schema.FieldChanges;

public sealed class FieldCategoryGraphType : EnumerationGraphType<FieldCategory>
{
    public FieldCategoryGraphType()
    {
        Name = "FieldCategory";
        Description = "What a field change is about, whatever OpenMetadata's path for it.";
        Values["DESCRIPTION"]!.Description = "A description, of the entity or of a column, task, ...";
        Values["DISPLAY_NAME"]!.Description = "The display name.";
        Values["TAGS"]!.Description = "Classification tags.";
        Values["OWNERS"]!.Description = "Owners (users and teams).";
        Values["SCHEMA"]!.Description = "Columns, data types, constraints and other schema.";
        Values["DOMAIN"]!.Description = "Domains.";
        Values["TIER"]!.Description = "The tier tag.";
        Values["GLOSSARY"]!.Description = "Glossary terms used as tags, and glossary-specific fields.";
        Values["FOLLOWERS"]!.Description = "Followers.";
        Values["CUSTOM_PROPERTY"]!.Description = "Custom properties (extension.*).";
        Values["DELETION"]!.Description = "The deleted flag (soft delete and restore).";
        Values["OTHER"]!.Description = "Anything else.";
    }
}
