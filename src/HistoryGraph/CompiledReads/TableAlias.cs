using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HistoryGraph.CompiledReads;

/// A stored row type under its alias in a statement.
public sealed record TableAlias(string Alias, IEntityType Entity, StoreObjectIdentifier Store, IEntityType? Design)
{
    public static TableAlias Of(StatementText statement, Type rowType, string alias)
    {
        var entity = statement.Model.FindEntityType(rowType) ?? throw new NotCompilableException($"{rowType.Name} is not a stored row.");
        var table = entity.GetTableName() ?? throw new NotCompilableException($"{rowType.Name} has no table.");
        return new TableAlias(alias, entity, StoreObjectIdentifier.Table(table, entity.GetSchema()), statement.DesignModel.FindEntityType(rowType));
    }

    /// The column's collation ("C": compared as bytes), null for the database's own.
    public string? Collation(IProperty property) => Design?.FindProperty(property.Name)?.GetCollation();

    /// `"schema"."table"`, quoted.
    public string Table => Store.Schema is { } schema ? $"\"{schema}\".\"{Store.Name}\"" : $"\"{Store.Name}\"";

    public IProperty Property(string member) =>
        Entity.FindProperty(member) ?? throw new NotCompilableException($"{Entity.ClrType.Name}.{member} is not a column.");

    public string Column(IProperty property) => $"{Alias}.\"{property.GetColumnName(Store)}\"";
}
