using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HistoryGraph.Ingestion.Storage;

/// Shared mapping helpers.
public static class ModelBuilding
{
    /// Enums are stored as their GraphQL spelling (SOFT_DELETED), readable in SQL and stable
    /// if members are reordered.
    public static PropertyBuilder<TEnum> StoredAsText<TEnum>(this PropertyBuilder<TEnum> property) where TEnum : struct, Enum =>
        property.HasConversion(new ValueConverter<TEnum, string>(v => ToUpperSnake(v.ToString()), v => Enum.Parse<TEnum>(v.Replace("_", ""), true)));

    /// The semantic step as its rank (NONE 0 to MAJOR 3), so that ordering by it orders by significance.
    public static PropertyBuilder<SemanticChange> StoredAsRank(this PropertyBuilder<SemanticChange> property) =>
        property.HasConversion<int>();

    /// Breaking changes are few: each table has a partial index of its breaking rows over time,
    /// which costs a write only for those rows and answers "breaking changes in a window" (the
    /// reads plan with their values, so `semantic_change = 3` from a parameter matches it too).
    public static readonly string IsBreaking = $"semantic_change = {(int)SemanticChange.Major}";

    public static void UseSnakeCaseNames(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ToSnake(property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName(ToSnake(key.GetName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(ToSnake(index.GetDatabaseName()!));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName(ToSnake(fk.GetConstraintName()!));
        }
    }

    public static string ToUpperSnake(string name) => ToSnake(name).ToUpperInvariant();

    private static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
