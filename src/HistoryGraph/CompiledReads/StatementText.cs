using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace HistoryGraph.CompiledReads;

/// One statement being written: its text, its positional parameters ($1, $2...) and the
/// aliases given out, so that subqueries at any depth never shadow each other.
public sealed class StatementText(IModel model, IModel designModel)
{
    private readonly List<object?> _values = [];
    private int _aliases;

    public IModel Model { get; } = model;

    /// The model as built, which alone keeps what the schema says beyond names (collations).
    public IModel DesignModel { get; } = designModel;
    public StringBuilder Sql { get; } = new();

    public string NextAlias(string prefix) => $"{prefix}{_aliases++}";

    /// Set when a condition's selectivity depends on its value (a prefix, a pattern): one plan
    /// cannot serve them all (a service's prefix wants the time index, a schema's the name
    /// index), so the statement is planned for its values each time.
    public bool PlannedPerValue { get; set; }

    /// A value sent as a parameter, never written into the text: the text stays the same for
    /// every value, so the statement is prepared once per connection and its plan reused.
    public string Parameter(object? value)
    {
        _values.Add(value);
        return $"${_values.Count}";
    }

    public NpgsqlCommand Command(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(Sql.ToString(), connection);
        foreach (var value in _values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
